using SupplyMatch.Core.Logistics;

namespace SupplyMatch.Core.Tests.Logistics;

public sealed class TruckCoverTests
{
    private static readonly int[] Capacities = [2_000, 8_000, 15_000, 25_000];
    private static readonly long[] Costs = [360_000, 600_000, 800_000, 1_020_000];

    [Theory]
    [InlineData(1)]
    [InlineData(1_999)]
    [InlineData(2_001)]
    [InlineData(9_500)]
    [InlineData(16_000)]
    [InlineData(26_000)]
    [InlineData(41_000)]
    [InlineData(52_300)]
    public void Cover_is_the_cheapest_set_of_trucks_that_holds_the_load(long kg)
    {
        var cover = new TruckCover([0, 1, 2, 3], Capacities, Costs);

        var (cost, count) = cover.Cover(kg);

        Assert.Equal(Cheapest(kg), cost);
        Assert.Equal(cost, cover.CostOf(kg));
        Assert.True(Enumerable.Range(0, count.Length).Sum(v => (long)count[v] * cover.Capacities[v]) >= kg);
        Assert.Equal(cost, Enumerable.Range(0, count.Length).Sum(v => count[v] * cover.Cost(v)));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(3_000)]
    [InlineData(12_000)]
    [InlineData(24_000)]
    [InlineData(100_000)]
    public void Rate_is_the_least_cost_per_kg_of_any_load_up_to_the_limit(long limit)
    {
        var cover = new TruckCover([0, 1, 2, 3], Capacities, Costs);
        var least = Enumerable.Range(1, (int)Math.Min(limit, 60_000) / 100).Select(i => i * 100L).Append(limit)
            .Min(y => (decimal)Cheapest(y) / y);

        Assert.Equal((long)Math.Floor(least * 1000), cover.RateMilliFen(limit));
    }

    [Fact]
    public void Dominated_vehicle_is_left_out()
    {
        var cover = new TruckCover([0, 1], [8_000, 8_000], [700_000, 600_000]);

        Assert.Equal([1], cover.Vehicles);
    }

    /// <summary>Exhaustive over truck counts.</summary>
    private static long Cheapest(long kg)
    {
        var best = long.MaxValue;
        for (var a = 0; a <= 30; a++)
        {
            for (var b = 0; b <= 8; b++)
            {
                for (var c = 0; c <= 5; c++)
                {
                    for (var d = 0; d <= 3; d++)
                    {
                        if (((long)a * 2_000) + (b * 8_000L) + (c * 15_000L) + (d * 25_000L) >= kg)
                        {
                            best = Math.Min(best, (a * Costs[0]) + (b * Costs[1]) + (c * Costs[2]) + (d * Costs[3]));
                        }
                    }
                }
            }
        }

        return best;
    }
}
