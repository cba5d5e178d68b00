using System.Diagnostics;
using System.Globalization;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-dual [--lots N] [--lines N] [--products N] [--seed N] [--evaluations N] --upper CNY</c>: the Lagrangian bound
/// from the LP's duals under each ascent rule, for the same number of evaluations, printed at 10, 20, 40, ... evaluations.
/// </summary>
internal static class LogisticsDualAscent
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var problem = options.Text("scenario", "") is { Length: > 0 } directory
            ? ScenarioFiles.LoadDirectory(directory).Value ?? throw new InvalidOperationException($"{directory} does not load.")
            : LogisticsInstances.Generate(options.Int("lots", 1000), options.Int("lines", 2000), options.Int("products", 30), 7, options.Int("seed", 42));
        var settings = new LogisticsSettings { TimeLimitSeconds = 10, Workers = 2 };
        var index = new ProblemIndex(problem);
        var table = ArcTable.Build(new LogisticsNetwork(index, settings), settings, 2, default);
        var lp = Relaxation.Solve(index, table, table.Bins.Select(b => b.RateMilliFen).ToArray(), true, 2, default);
        var upper = (long)(options.Double("upper", 0) * 100);
        var evaluations = options.Int("evaluations", 200);
        Console.WriteLine($"arcs {table.Count} bins {table.Bins.Length} LP bound {lp.ObjectiveMilliFen / 1e5:N0} upper {upper / 100:N0}");
        if (options.Text("profile", "no") == "yes")
        {
            var rent = lp.LotRentMilliFen!.Select(r => r / 1000).ToArray();
            var price = lp.LinePriceMilliFen!.Select(r => r / 1000).ToArray();
            var pricing = new BinPricing(index, table);
            var scratch = new BinPricing.Scratch(index.Lines.Length);
            var x = new double[table.Count];
            for (var rep = 0; rep < 3; rep++)
            {
                var sw = Stopwatch.StartNew();
                long negative = 0, loaded = 0;
                for (var b = 0; b < table.Bins.Length; b++)
                {
                    var any = false;
                    for (var k = table.BinStart[b]; k < table.BinStart[b + 1]; k++)
                    {
                        var a = table.BinArcs[k];
                        if (table.CostFen[a] - price[table.Line[a]] + rent[table.Lot[a]] < 0) { negative++; any = true; }
                    }
                    loaded += any ? 1 : 0;
                }
                var scan = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                scratch.Steps = 0;
                for (var b = 0; b < table.Bins.Length; b++) pricing.Solve(b, rent, price, x, scratch);
                Console.WriteLine($"scan {scan:0} ms ({negative} negative arcs in {loaded} bins); solve all bins, one thread {sw.Elapsed.TotalMilliseconds:0} ms, {scratch.Steps} capacities tried");
                sw.Restart();
                var lagrangian = new LagrangianBound(index, table, 2);
                for (var i = 0; i < 20; i++) lagrangian.Evaluate(rent, price, default);
                Console.WriteLine($"evaluation, 2 workers: {sw.Elapsed.TotalMilliseconds / 20:0.00} ms, {table.Count} arcs, {lagrangian.LastSteps} capacities tried");
            }
        }

        var rules = options.Text("rules", "plain,default").Split(',').Select(r => r switch
        {
            "plain" => LagrangianBound.Ascent.Plain,
            "default" => LagrangianBound.Ascent.Default,
            _ => r.Split(':') is var p ? new LagrangianBound.Ascent(int.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture), 1e-6, int.MaxValue) : null!,
        });
        foreach (var rule in rules)
        {
            var clock = Stopwatch.StartNew();
            var checkpoints = new List<string>();
            var (count, best) = (0, long.MinValue);
            var (bound, iterations) = new LagrangianBound(index, table, 2).Improve([(lp.LotRentMilliFen!, lp.LinePriceMilliFen!)], upper,
                () => { if ((count & (count - 1)) == 0 && count >= 8) checkpoints.Add($"{count}: {best / 100.0:N0}"); return ++count <= evaluations; }, b => best = b, default, rule);
            Console.WriteLine($"stall {rule.StallLimit} deflection {rule.Deflection} theta {rule.Theta}: bound {bound / 100.0:N0} after {iterations} evaluations, {clock.Elapsed.TotalSeconds:0.0} s, gap to upper {100.0 * (upper - bound) / upper:0.00} %; {string.Join(", ", checkpoints)}");
        }

        return 0;
    }
}
