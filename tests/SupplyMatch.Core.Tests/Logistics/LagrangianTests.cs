using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>
/// The Lagrangian bound against the exhaustive optimum of tiny problems: weak duality for any multipliers, and each ascent
/// rule starting from the LP's duals ends between the LP bound and the optimum.
/// </summary>
public sealed class LagrangianTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 12; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Any_multipliers_give_a_value_no_higher_than_the_exhaustive_optimum(int seed)
    {
        var (index, table, optimumFen) = Solved(seed);
        var bound = new LagrangianBound(index, table, 2);
        var random = new Random(seed);
        var highest = double.MinValue;
        for (var draw = 0; draw < 200; draw++)
        {
            var rent = index.Lots.Select(_ => random.NextDouble() * 1_000).ToArray();
            var price = index.Lines.Select(_ => (random.NextDouble() * 1_500) - 100).ToArray();
            var (value, _, _) = bound.Evaluate(rent, price, CancellationToken.None);
            highest = Math.Max(highest, value);
        }

        Assert.True(highest <= optimumFen + 1e-6, $"L = {highest} fen above the optimum {optimumFen} fen");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_ascent_from_the_lp_duals_ends_between_the_lp_bound_and_the_exhaustive_optimum(int seed)
    {
        var (index, table, optimumFen) = Solved(seed);
        var lp = Relaxation.Solve(index, table, table.Bins.Select(b => b.RateMilliFen).ToArray(), duals: true, 1, CancellationToken.None);
        var lpFen = lp.ObjectiveMilliFen / 1000;

        foreach (var ascent in new[] { LagrangianBound.Ascent.Default, LagrangianBound.Ascent.Plain })
        {
            var (evaluations, raised) = (0, new List<long>());
            var lagrangian = new LagrangianBound(index, table, 2) { KeepBest = true };
            var (bound, iterations) = lagrangian.Improve(
                [(lp.LotRentMilliFen!, lp.LinePriceMilliFen!)], optimumFen + 100, () => ++evaluations <= 300, raised.Add, CancellationToken.None, ascent);

            Assert.InRange(bound, lpFen - 1, optimumFen);
            var (rent, price) = lagrangian.Best!.Value;
            Assert.Equal(bound, (long)Math.Floor(lagrangian.Evaluate(rent, price, CancellationToken.None).Value - 1));
            Assert.Equal(bound, raised[^1]);
            Assert.Equal(raised.OrderBy(b => b), raised);
            Assert.InRange(iterations, 1, 301);
        }
    }

    private static (ProblemIndex Index, ArcTable Table, long OptimumFen) Solved(int seed)
    {
        var problem = LogisticsProblems.Tiny(seed);
        var settings = new LogisticsSettings { CandidatesPerLine = 1_000 };
        var index = new ProblemIndex(problem);
        var table = ArcTable.Build(new LogisticsNetwork(index, settings), settings, 1, CancellationToken.None);
        return (index, table, Money.ToFen(BruteForceTests.Exhaustive(problem, settings)));
    }
}
