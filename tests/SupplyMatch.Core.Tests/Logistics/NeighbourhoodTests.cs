using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Logistics.LogisticsProblems;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>
/// A neighbourhood's size foretells its solve's work, which sizes neighbourhoods and their node limit to the work left:
/// the count must be the model SCIP is given (kg per arc, a row per line and lot and bin, switches for all-or-nothing
/// lines and minimum orders, a truck count per vehicle type).
/// </summary>
public sealed class NeighbourhoodTests
{
    [Theory]
    [MemberData(nameof(Seeds), 4)]
    public void Entries_are_the_variables_and_rows_of_the_scip_model(int seed)
    {
        var problem = Random(seed, 30, 60);
        var (index, candidates) = EveryArc(problem, Settings);
        var state = WarmStart.FromFlow(index, candidates, candidates.InitialFlow);
        var random = new Random(seed);
        var lines = Enumerable.Range(0, index.Lines.Length).Where(d => candidates.LineStart[d + 1] > candidates.LineStart[d]).ToArray();
        var (switches, wholeLines, vehicleSlots) = (0, 0, 0);
        for (var draw = 0; draw < 4; draw++)
        {
            var free = lines.Where(_ => random.Next(2) == 0).DefaultIfEmpty(lines[0]).ToArray();
            var neighbourhood = new Neighbourhood(state, free);

            var outcome = ScipNeighbourhood.Solve(neighbourhood, 10, 0, 1, CancellationToken.None);

            Assert.Equal(outcome.Variables + outcome.Constraints, neighbourhood.Entries);
            switches += neighbourhood.Lots.Count(l => l.NeedsSwitch);
            wholeLines += neighbourhood.Lines.Count(l => !l.Partial);
            vehicleSlots += neighbourhood.Bins.Count(b => b.Bin.Cover.Vehicles.Length > 1);
        }

        Assert.True(switches > 0 && wholeLines > 0 && vehicleSlots > 0, $"every part of the count is exercised: {switches} switches, {wholeLines} whole lines, {vehicleSlots} bins with several vehicle types");
    }

    /// <summary>
    /// The same neighbourhood of a small random problem (about two thirds of the lines free, the rest fixed at a random
    /// plan's kg, so some minimum orders are partly met outside; all-or-nothing lines, several vehicle types) solved to
    /// optimality by SCIP and by CP-SAT: the two models agree (without its minimum-order switch CP-SAT fails half the seeds).
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds), 10)]
    public void Scip_and_cp_sat_prove_the_same_optimum_of_a_neighbourhood(int seed)
    {
        var (index, candidates) = EveryArc(Random(seed, 8, 12, bases: 3, buyers: 3), Settings);
        var random = new Random(seed);
        var state = new PlanState(index, candidates, RandomFlow(index, candidates, random));
        WarmStart.Repair(state);
        var lines = Enumerable.Range(0, index.Lines.Length).Where(d => candidates.LineStart[d + 1] > candidates.LineStart[d]).ToArray();
        var neighbourhood = new Neighbourhood(state, lines.Where(_ => random.Next(3) != 0).DefaultIfEmpty(lines[0]).ToArray());

        var scip = ScipNeighbourhood.Solve(neighbourhood, 120, 0, int.MaxValue, CancellationToken.None);
        var cpSat = CpSatNeighbourhood.Solve(neighbourhood, 120, 60, 2, seed, CancellationToken.None);

        Assert.True(scip.Optimal && cpSat.Optimal, $"SCIP optimal {scip.Optimal}, CP-SAT optimal {cpSat.Optimal}");
        Assert.Equal(scip.ObjectiveFen, cpSat.ObjectiveFen);
    }

    public static TheoryData<int> Seeds(int count)
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= count; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    private static readonly LogisticsSettings Settings = new() { CandidatesPerLine = 1_000, TimeLimitSeconds = 10, Workers = 1 };
}
