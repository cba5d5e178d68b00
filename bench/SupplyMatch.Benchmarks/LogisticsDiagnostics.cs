using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>Where the LP bound and the plan differ: kg and truck cost per path kind.</summary>
internal static class LogisticsDiagnostics
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var problem = LogisticsInstances.Generate(options.Int("lots", 2000), options.Int("lines", 4000), options.Int("products", 30), 7, options.Int("seed", 42));
        var settings = new LogisticsSettings { TimeLimitSeconds = 10, Workers = 2 };
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var table = ArcTable.Build(network, settings, 2, default);
        var envelope = table.Bins.Select(b => b.RateMilliFen).ToArray();
        var lp = Relaxation.Solve(index, table, envelope, true, 2, default);
        var byPath = new double[4, 3];
        for (var i = 0; i < table.Pairs; i++)
        {
            if (lp.PairFlow[i] == 0) continue;
            var a = lp.PairArc[i];
            var p = table.Path[a];
            byPath[p, 0] += lp.PairFlow[i];
            byPath[p, 1] += lp.PairFlow[i] * (double)envelope[table.Bin[a]] / 1e5;
            byPath[p, 2] += lp.PairFlow[i] * (double)table.CostFen[a] / 100;
        }
        Console.WriteLine($"LP objective {lp.ObjectiveMilliFen / 1e5:N0}");
        for (var p = 0; p < 4; p++) Console.WriteLine($"LP {(PathKind)p}: kg {byPath[p, 0]:N0} truck-at-envelope CNY {byPath[p, 1]:N0} per kg {byPath[p, 1] / Math.Max(1, byPath[p, 0]):0.000} kgcost {byPath[p, 2]:N0}");
        var loads = SlopeScaling.Loads(table, lp.PairFlow, lp.PairArc);
        var real = new double[4]; var env = new double[4]; var maxkgSmall = new int[4]; var used = new int[4];
        for (var b = 0; b < loads.Length; b++)
        {
            if (loads[b] == 0) continue;
            var bin = table.Bins[b];
            var kind = (bin.Origin >= index.Bases.Length ? 2 : 0) + (bin.Destination >= index.Buyers.Length ? 1 : 0);
            real[kind] += bin.Cover.CostOf(loads[b]) / 100.0;
            env[kind] += loads[b] * bin.RateMilliFen / 1e5;
            used[kind]++;
            if (bin.MaxKg < 25000) maxkgSmall[kind]++;
        }
        string[] names = ["base->buyer", "base->DC", "hub->buyer", "hub->DC"];
        for (var k = 0; k < 4; k++) Console.WriteLine($"LP bins {names[k]}: used {used[k]} (MaxKg<25t: {maxkgSmall[k]}) envelope CNY {env[k]:N0} real cover CNY {real[k]:N0}");
        var result = LogisticsPlanner.Plan(problem, settings with { TimeLimitSeconds = options.Double("time", 20) });
        foreach (var g in result.Allocations.GroupBy(a => a.Path)) Console.WriteLine($"plan {g.Key}: kg {g.Sum(a => (long)a.Kg):N0}");
        foreach (var g in result.Shipments.GroupBy(s => (s.OriginId.StartsWith("OH-", StringComparison.Ordinal) ? "hub" : "base") + "->" + (s.DestinationId.StartsWith("DC-", StringComparison.Ordinal) ? "DC" : "buyer")))
            Console.WriteLine($"plan trucks {g.Key}: {g.Count()} fill {100.0 * g.Sum(s => s.LoadKg) / g.Sum(s => s.CapacityKg):0.0}% cost {g.Sum(s => s.CostCny):N0} kg {g.Sum(s => s.LoadKg):N0}");
        Console.WriteLine($"plan objective {result.ObjectiveCny:N0} bound {result.Statistics.BestBoundCny:N0}");
        return 0;
    }
}
