using System.Globalization;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

public sealed class SolomonReaderTests
{
    [Theory]
    [InlineData("C101")]
    [InlineData("R101")]
    [InlineData("RC201")]
    public void Reader_reads_every_customer_row_of_the_shared_instances(string name)
    {
        var text = File.ReadAllText(SolomonFiles.PathOf(name));
        var rows = NumericRows(text).ToList();

        var instance = SolomonFiles.Read(name);

        Assert.Equal(name, instance.Name);
        Assert.Equal(101, instance.Customers.Count);
        Assert.Equal(rows.Count - 1, instance.Customers.Count);
        Assert.Equal((rows[0][0], rows[0][1]), (instance.Vehicles, instance.Capacity));
        Assert.Equal(rows.Skip(1).Sum(r => r[3]), instance.Customers.Sum(c => c.Demand));
        Assert.Equal(rows[^1][5], instance.Customers[^1].DueDate);
        Assert.Equal(rows[1][5], instance.Depot.DueDate);
    }

    [Fact]
    public void Reader_ignores_blank_lines_trailing_spaces_and_mixed_line_endings()
    {
        var text = "R-TINY  \r\n\r\n\r\nVEHICLE\nNUMBER     CAPACITY   \r\n  2   50  \r\n\n\nCUSTOMER\r\n" +
                   "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n" +
                   "  0  10  10  0  0  100  0   \r\n\r\n  1  13  14  5  0  50  2\t\n";

        var result = SolomonReader.Parse(text);

        Assert.Null(result.Error);
        Assert.Equal("R-TINY", result.Instance!.Name);
        Assert.Equal(new SolomonCustomer(1, 13, 14, 5, 0, 50, 2), result.Instance.Customers[1]);
    }

    [Theory]
    [InlineData(10, "    5      42         65         10         15         67   ", "Expected 7 columns")]
    [InlineData(12, "    2      40         66         ten        170        225         90", "demand 'ten'")]
    [InlineData(11, "    9      38         68         20        255        324         90", "Expected customer number 1")]
    [InlineData(13, "    3      38         68         20        255        224         90", "ready time 255 is after due date 224")]
    [InlineData(5, "  25", "two positive integers")]
    [InlineData(3, "VEHICLES", "Expected 'VEHICLE'")]
    [InlineData(10, "    0      40         50          0          0       9000000000000000000          0", "must be whole numbers from 0 to 10000000, found '0', '9000000000000000000', '0'")]
    [InlineData(12, "    2      45         70         30        825        870    9000000000000000000", "must be whole numbers from 0 to 10000000")]
    [InlineData(11, "    1      1e300      68         10        912        967         90", "coordinates '1e300', '68' must lie from -1000000 to 1000000")]
    [InlineData(13, "    3      42      -2000000      10         65        146         90", "must lie from -1000000 to 1000000")]
    public void Malformed_line_is_reported_with_its_number(int line, string replacement, string message)
    {
        var lines = File.ReadAllText(SolomonFiles.PathOf("C101")).Split("\r\n");
        lines[line - 1] = replacement;

        var result = SolomonReader.Parse(string.Join("\r\n", lines));

        Assert.Null(result.Instance);
        Assert.Equal(line, result.Error!.Line);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error_at_line_zero_naming_the_path()
    {
        var result = SolomonReader.ReadFile("/nonexistent/X999.txt");

        Assert.Equal(0, result.Error!.Line);
        Assert.Contains("X999.txt", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimacs_rounding_truncates_each_arc_to_one_decimal_and_none_keeps_thousandths()
    {
        var points = new List<(double, double)> { (0, 0), (1, 1), (3, 4) };

        var dimacs = TravelMatrix.Euclidean(points, ArcRounding.Dimacs);
        var exact = TravelMatrix.Euclidean(points, ArcRounding.None);

        Assert.Equal((Math.Floor(10 * Math.Sqrt(2)), 50.0), (dimacs.Distance[0][1], dimacs.Distance[0][2]));
        Assert.Equal(dimacs.Distance[1][2], dimacs.Time[1][2]);
        Assert.Equal((double)Math.Round(1000 * Math.Sqrt(2)), exact.Distance[0][1]);
        Assert.Equal((double)Math.Ceiling(1000 * Math.Sqrt(2)), exact.Time[0][1]);
    }

    [Fact]
    public void Problem_from_an_instance_scales_windows_and_service_times_like_distances()
    {
        var instance = SolomonFiles.Read("C101");

        var problem = instance.ToProblem(ArcRounding.Dimacs, new RoutingSettings(TimeSpan.FromSeconds(1)));

        Assert.Equal(instance.Depot.DueDate * 10, problem.Depot.Due);
        Assert.Equal(100, problem.Stops.Count);
        Assert.All(problem.Stops.Zip(instance.Customers.Skip(1)), pair =>
            Assert.Equal((pair.Second.ReadyTime * 10, pair.Second.DueDate * 10, pair.Second.ServiceTime * 10, pair.Second.Demand),
                (pair.First.Ready, pair.First.Due, pair.First.ServiceTime, pair.First.DemandKg)));
    }

    /// <summary>Lines made only of integers: the vehicle row, then the customer rows.</summary>
    private static IEnumerable<long[]> NumericRows(string text) =>
        text.Split('\n')
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 0 && f.All(x => long.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
            .Select(f => f.Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray());
}
