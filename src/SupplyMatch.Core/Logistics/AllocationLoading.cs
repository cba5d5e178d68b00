using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The sequential alternative to whole-truck planning: take a per-kg allocation as decided (lot, line, kg), drop
/// what breaks minimum orders or all-or-nothing lines, and put it on trucks afterwards: either each allocation on
/// direct trucks on its ship day, or with the best paths and ship days for those same (lot, line, kg) decisions.
/// </summary>
internal static class AllocationLoading
{
    public static LogisticsResult Load(MatchingProblem problem, MatchingResult allocation, LogisticsSettings settings, bool routeThroughHubs)
    {
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var table = ArcTable.Build(network, settings, Math.Max(1, settings.Workers ?? problem.Settings.Workers), CancellationToken.None);
        var plan = Decisions(index, table, allocation);
        var candidates = Candidates.Select(network, settings with { CandidatesPerLine = 0, CompleteArcs = 0 }, table, plan, new long[table.Bins.Length]);
        var state = new PlanState(index, candidates, candidates.InitialFlow);
        WarmStart.Repair(state);
        var start = state.ObjectiveFen;
        var moves = 0;
        if (routeThroughHubs)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var seconds = settings.TimeLimitSeconds ?? problem.Settings.TimeLimitSeconds;
            moves = new LocalSearch(state, settings.Seed, moves: LocalMoves.Loading).Run(() => clock.Elapsed.TotalSeconds < seconds);
        }

        var report = new SearchReport(routeThroughHubs ? "allocation-routed" : "allocation-direct", long.MinValue, 0, 0, 0, 0, [], []);
        return LogisticsResultBuilder.Build(network, state, settings, report, new PlanningFigures(null, null, start, 0, moves, 0));
    }

    /// <summary>Each allocation on its pair's direct arc of the same ship day (else the pair's earliest direct arc, else its first arc).</summary>
    private static PairPlan Decisions(ProblemIndex index, ArcTable table, MatchingResult allocation)
    {
        var lots = index.Lots.Select((l, i) => (l.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var lines = index.Lines.Select((l, i) => (l.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var pairs = new Dictionary<(int Lot, int Line), int>(table.Pairs);
        for (var i = 0; i < table.Pairs; i++)
        {
            pairs[(table.Lot[table.PairStart[i]], table.Line[table.PairStart[i]])] = i;
        }

        var flow = new int[table.Pairs];
        var arcOf = new int[table.Pairs];
        foreach (var a in allocation.Allocations)
        {
            if (!pairs.TryGetValue((lots[a.LotId], lines[a.LineId]), out var pair))
            {
                continue;
            }

            var arcs = Enumerable.Range(table.PairStart[pair], table.PairStart[pair + 1] - table.PairStart[pair]).ToArray();
            var direct = arcs.Where(x => table.Path[x] == (byte)PathKind.Direct).ToArray();
            arcOf[pair] = direct.Where(x => table.ShipDay[x] == a.ShipDay.DayNumber).Concat(direct).Concat(arcs).First();
            flow[pair] += a.Kg;
        }

        return new PairPlan(flow, arcOf, 0);
    }
}
