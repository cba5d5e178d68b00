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
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
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

    private static readonly LogisticsSettings Settings = new() { CandidatesPerLine = 1_000, TimeLimitSeconds = 10, Workers = 1 };
}
