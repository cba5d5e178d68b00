using System.Globalization;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>The 56 Solomon instances of the routing benchmark (bench/solomon) and their table of optima.</summary>
public sealed class SolomonSetTests
{
    private static readonly string SetDirectory = Scenario.ReferenceHubsTests.RepositoryDirectory("bench", "solomon");

    private static readonly Dictionary<string, double> Optima = File.ReadLines(Path.Combine(SetDirectory, "optima.csv")).Skip(1)
        .Select(line => line.Split(','))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    [Fact]
    public void Every_instance_of_the_set_reads_with_100_customers_25_vehicles_and_has_an_optimum()
    {
        var files = Directory.GetFiles(SetDirectory, "*.txt").Select(Path.GetFileNameWithoutExtension).Order().ToList();

        Assert.Equal(56, files.Count);
        Assert.Equal(files, Optima.Keys.Order());
        foreach (var name in files)
        {
            var instance = Read(name!);
            Assert.Equal((name, 101, 25), (instance.Name, instance.Customers.Count, instance.Vehicles));
            Assert.Equal(Enumerable.Range(0, 101), instance.Customers.Select(c => c.Number));
            Assert.All(instance.Customers.Skip(1), c => Assert.True(c.ReadyTime <= c.DueDate, $"{name} customer {c.Number}"));
        }
    }

    [Theory]
    [InlineData("C101")]
    [InlineData("R101")]
    [InlineData("RC201")]
    public void The_instances_shared_with_the_specification_are_the_same_row_for_row(string name) =>
        Assert.Equal(SolomonFiles.Read(name), Read(name), new InstanceComparer());

    [Theory]
    [InlineData("C1", "C1", 200)]
    [InlineData("C2", "C2", 700)]
    [InlineData("R1", "R2", 200)]
    [InlineData("RC1", "RC2", 200)]
    public void Instances_of_a_family_share_their_customers_places_and_demands(string first, string second, int capacity)
    {
        var family = Optima.Keys.Where(n => Class(n) == first || Class(n) == second).Select(Read).ToList();
        var places = family[0].Customers.Select(c => (c.X, c.Y, c.Demand)).ToList();

        Assert.True(family.Count >= 8);
        Assert.All(family, i => Assert.Equal(places, i.Customers.Select(c => (c.X, c.Y, c.Demand))));
        Assert.Equal(capacity, family[0].Capacity);
    }

    private static SolomonInstance Read(string name)
    {
        var result = SolomonReader.ReadFile(Path.Combine(SetDirectory, name + ".txt"));
        return result.Instance ?? throw new InvalidOperationException($"{name}: {result.Error}");
    }

    private static string Class(string name) => name[..(name.AsSpan().IndexOfAnyInRange('0', '9') + 1)];

    private sealed class InstanceComparer : IEqualityComparer<SolomonInstance>
    {
        public bool Equals(SolomonInstance? x, SolomonInstance? y) =>
            x is not null && y is not null && (x.Name, x.Vehicles, x.Capacity) == (y.Name, y.Vehicles, y.Capacity) && x.Customers.SequenceEqual(y.Customers);

        public int GetHashCode(SolomonInstance obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
