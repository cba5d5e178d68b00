using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupplyMatch.Cli.Tests.Routing;

public sealed class RouteCommandTests : IDisposable
{
    private const string Instance =
        "TINY6\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  3         20\r\n\r\nCUSTOMER\r\n" +
        "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n" +
        "    0      20         20          0          0        300          0\r\n" +
        "    1      25         30          8          0        120         10\r\n" +
        "    2      10         25          6         30        150         10\r\n" +
        "    3      35         15          7          0        200         10\r\n" +
        "    4      20          5          5         60        180         10\r\n" +
        "    5      30         35          9         90        220         10\r\n" +
        "    6      12         12          4          0        250         10\r\n";

    private readonly string directory = Directory.CreateTempSubdirectory("route-command-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Json_report_lists_every_customer_once_and_totals_match_the_routes()
    {
        var (exit, stdout, stderr) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--format", "json", "--optimum", "100");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var routes = root.GetProperty("routes").EnumerateArray().ToList();
        var stops = routes.SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("id").GetString())).ToList();
        Assert.Equal(["1", "2", "3", "4", "5", "6"], stops.Order());
        var distance = root.GetProperty("distance").GetDouble();
        Assert.Equal(routes.Sum(r => r.GetProperty("distance").GetDouble()), distance, 6);
        Assert.Equal(routes.Count, root.GetProperty("vehicles").GetInt32());
        Assert.Equal(Math.Round(100 * (distance - 100) / 100, 3), root.GetProperty("gapPercent").GetDouble(), 6);
        Assert.All(routes.SelectMany(r => r.GetProperty("stops").EnumerateArray()), s =>
            Assert.True(s.GetProperty("arrival").GetDouble() <= s.GetProperty("serviceStart").GetDouble()));
    }

    [Fact]
    public void A_file_cut_at_a_line_is_routed_with_the_customers_read_and_a_distance_below_the_optimum_is_warned_of()
    {
        var (_, full, _) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--format", "json");
        var optimum = JsonDocument.Parse(full).RootElement.GetProperty("distance").GetDouble();
        var cut = string.Join("\r\n", Instance.Split("\r\n").Take(12)) + "\r\n";

        var (jsonExit, json, _) = Run("--solomon", Write(cut), "--time-limit", "0.3", "--format", "json", "--optimum", Text(optimum));
        var (tableExit, table, _) = Run("--solomon", Write(cut), "--time-limit", "0.3", "--optimum", Text(optimum));

        Assert.Equal((0, 0), (jsonExit, tableExit));
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(2, root.GetProperty("customers").GetInt32());
        var warning = Assert.Single(root.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains($"below the stated optimum {Text(optimum)}", warning, StringComparison.Ordinal);
        Assert.Contains("(2 customers read)", warning, StringComparison.Ordinal);
        var lines = table.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("customers   2", lines);
        Assert.Contains("warning     " + warning, lines);
    }

    [Fact]
    public void A_distance_at_the_optimum_or_above_it_gives_no_warning_and_the_customer_count_of_the_whole_file()
    {
        var (_, first, _) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--format", "json");
        var distance = JsonDocument.Parse(first).RootElement.GetProperty("distance").GetDouble();

        var (exit, json, stderr) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--format", "json", "--optimum", Text(distance * 0.9999));

        Assert.True(exit == 0, stderr);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(6, root.GetProperty("customers").GetInt32());
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void Any_worker_count_routes_every_customer_once(string workers)
    {
        var (exit, stdout, stderr) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--format", "json", "--workers", workers);

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var stops = json.RootElement.GetProperty("routes").EnumerateArray()
            .SelectMany(r => r.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("id").GetString())).ToList();
        Assert.Equal(["1", "2", "3", "4", "5", "6"], stops.Order());
    }

    [Fact]
    public void Table_report_names_the_instance_and_the_gap_to_the_optimum()
    {
        var (exit, stdout, _) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--round", "none", "--optimum", "120.5");

        Assert.Equal(0, exit);
        Assert.Contains("instance    TINY6", stdout, StringComparison.Ordinal);
        Assert.Contains("to optimum 120.5", stdout, StringComparison.Ordinal);
        Assert.Contains("rounding none", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dimacs", "10.0")]
    [InlineData("none", "10.000")]
    public void Table_distances_keep_the_decimals_of_their_rounding_even_when_whole(string rounding, string expected)
    {
        // One customer 5 away (a 3-4-5 triangle): out and back is exactly 10.
        var single = "WHOLE\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  1         20\r\n\r\nCUSTOMER\r\n" +
            "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n" +
            "    0       0          0          0          0        100          0\r\n" +
            "    1       3          4          5          0         50          0\r\n";

        var (exit, stdout, stderr) = Run("--solomon", Write(single), "--time-limit", "0.3", "--round", rounding);

        Assert.True(exit == 0, stderr);
        Assert.Contains($"distance    {expected} (rounding {rounding})", stdout, StringComparison.Ordinal);
        Assert.Matches($@"vehicle +\d+  distance +{Regex.Escape(expected)}  load +5  depot 1 depot", stdout);
    }

    [Fact]
    public void Malformed_file_exits_with_2_naming_the_file_and_line()
    {
        var path = Write(Instance.Replace("    4      20          5          5", "    4      20          5       five", StringComparison.Ordinal));

        var (exit, stdout, stderr) = Run("--solomon", path);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains($"{path}:14:", stderr, StringComparison.Ordinal);
        Assert.Contains("demand 'five'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--time-limit", "0.3")]
    [InlineData("--solomon", "/nonexistent/C999.txt")]
    [InlineData("--solomon", "x.txt", "--round", "nearest")]
    [InlineData("--solomon", "x.txt", "--time-limit", "-1")]
    [InlineData("--solomon", "x.txt", "--verbose", "yes")]
    [InlineData("--solomon")]
    public void Bad_arguments_or_missing_file_exit_with_2_and_say_what(params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.True(stderr.StartsWith("supplymatch: ", StringComparison.Ordinal) || stderr.StartsWith("/nonexistent/C999.txt: ", StringComparison.Ordinal), stderr);
    }

    [Fact]
    public void Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var (exit, stdout, stderr) = Run("--help");

        Assert.Equal(0, exit);
        Assert.StartsWith("Usage: supplymatch route --solomon FILE", stdout, StringComparison.Ordinal);
        Assert.Contains("--first-solution", stdout, StringComparison.Ordinal);
        Assert.EndsWith(CliApp.ExitCodeText, stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public void A_missing_instance_file_is_named_in_one_line_and_exits_2()
    {
        var (exit, stdout, stderr) = Run("--solomon", "/nonexistent/C999.txt");

        Assert.Equal((2, "", "/nonexistent/C999.txt: Solomon instance file not found" + Environment.NewLine), (exit, stdout, stderr));
    }

    [Fact]
    public void A_bad_option_is_reported_like_every_other_command_with_the_synopsis_and_where_help_is()
    {
        var (exit, _, stderr) = Run("--solomon", Write(Instance), "--round", "nearest");

        Assert.Equal(2, exit);
        var lines = stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("supplymatch: --round must be dimacs or none, not 'nearest'", lines[0]);
        Assert.StartsWith("Usage: supplymatch route --solomon FILE", lines[1], StringComparison.Ordinal);
        Assert.Equal("Run 'supplymatch help route' for the options and exit codes.", lines[^1]);
    }

    [Fact]
    public void Verbose_is_accepted_like_every_other_command()
    {
        var (exit, stdout, stderr) = Run("--solomon", Write(Instance), "--time-limit", "0.3", "--verbose");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("instance    TINY6", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown option --bogus for 'route'", "--solomon", "{file}", "--bogus")]
    [InlineData("unknown option --bogus for 'route'", "--solomon", "{file}", "--bogus", "1")]
    [InlineData("unexpected argument '{file}2'; route reads one instance file", "--solomon", "{file}", "{file}2")]
    [InlineData("'{dir}' is a directory; give one instance file", "--solomon", "{dir}")]
    [InlineData("--time-limit must be a positive number of seconds up to 86400, not '1e15'", "--solomon", "{file}", "--time-limit", "1e15")]
    [InlineData("--solomon is given more than once", "--solomon", "{file}", "--solomon", "{file}")]
    [InlineData("--workers must be a whole number from 1 to", "--solomon", "{file}", "--workers", "0")]
    [InlineData("--workers must be a whole number from 1 to", "--solomon", "{file}", "--workers", "99")]
    [InlineData("--workers must be a whole number from 1 to", "--solomon", "{file}", "--workers", "two")]
    public void A_misused_argument_is_named_for_what_it_is_and_exits_2(string message, params string[] args)
    {
        var file = Write(Instance);
        string Fill(string s) => s.Replace("{file}", file, StringComparison.Ordinal).Replace("{dir}", directory, StringComparison.Ordinal);

        var (exit, stdout, stderr) = Run(args.Select(Fill).ToArray());

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("supplymatch: " + Fill(message), stderr, StringComparison.Ordinal);
    }

    private static string Text(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_search_that_ends_without_routes_exits_3_with_every_customer_unrouted()
    {
        // 150 customers with wide windows: a microsecond is too short for any first solution.
        var random = new Random(11);
        var rows = Enumerable.Range(1, 150).Select(i =>
            $"  {i,4}  {random.Next(0, 101),5}  {random.Next(0, 101),5}  {random.Next(1, 20),5}  0  1000  10\r\n");
        var text = "WIDE150\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  25         200\r\n\r\nCUSTOMER\r\n"
            + "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n"
            + "    0      50         50          0          0       1200          0\r\n" + string.Concat(rows);

        var (exit, stdout, stderr) = Run("--solomon", Write(text), "--time-limit", "0.000001", "--workers", "1", "--format", "json");

        Assert.Equal(3, exit);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("notSolved", root.GetProperty("status").GetString());
        Assert.Equal(150, root.GetProperty("unrouted").GetArrayLength());
        Assert.Contains("the search ended without routes (status not solved)", stderr, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(directory, "tiny6.txt");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = RouteCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
