using System.Diagnostics;
using System.Globalization;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-dual [--scenario DIR | --lots N --lines N --products N --seed N] [--evaluations N] --upper CNY
/// [--rules plain,default,STALL:DEFLECTION:THETA] [--profile yes]</c>: the Lagrangian bound from the LP's duals under each
/// ascent rule, for at most the same number of evaluations, with the bound after 8, 16, 32, ... evaluations; with
/// <c>--profile yes</c> first the time of one evaluation and the capacities its bin problems try (the work clock's fit).
/// </summary>
internal static class LogisticsDualAscent
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var problem = LogisticsInstances.From(options, 1000, 2000, 30);
        var settings = new LogisticsSettings { TimeLimitSeconds = 10, Workers = 2 };
        var index = new ProblemIndex(problem);
        var table = ArcTable.Build(new LogisticsNetwork(index, settings), settings, 2, default);
        var lp = Relaxation.Solve(index, table, table.Bins.Select(b => b.RateMilliFen).ToArray(), true, 2, default);
        var upper = (long)(options.Double("upper", 0) * 100);
        var evaluations = options.Int("evaluations", 200);
        Console.WriteLine($"arcs {table.Count} bins {table.Bins.Length} LP bound {lp.ObjectiveMilliFen / 1e5:N0} upper {upper / 100:N0}");
        if (options.Text("profile", "no") == "yes")
        {
            Profile(index, table, lp);
        }

        foreach (var rule in options.Text("rules", "plain,default").Split(',').Select(Rule))
        {
            var clock = Stopwatch.StartNew();
            var checkpoints = new List<string>();
            var (count, best) = (0, long.MinValue);
            var (bound, iterations) = new LagrangianBound(index, table, 2).Improve([(lp.LotRentMilliFen!, lp.LinePriceMilliFen!)], upper,
                () =>
                {
                    if (count >= 8 && (count & (count - 1)) == 0)
                    {
                        checkpoints.Add($"{count}: {best / 100.0:N0}");
                    }

                    return ++count <= evaluations;
                },
                b => best = b, default, rule);
            Console.WriteLine($"stall {rule.StallLimit} deflection {rule.Deflection} theta {rule.Theta}: bound {bound / 100.0:N0} after {iterations} evaluations, {clock.Elapsed.TotalSeconds:0.0} s, gap to upper {100.0 * (upper - bound) / upper:0.00} %; {string.Join(", ", checkpoints)}");
        }

        return 0;
    }

    /// <summary><c>plain</c>, <c>default</c> or <c>STALL:DEFLECTION:THETA</c> (run until the evaluations are spent).</summary>
    private static LagrangianBound.Ascent Rule(string text)
    {
        if (text is "plain" or "default")
        {
            return text == "plain" ? LagrangianBound.Ascent.Plain : LagrangianBound.Ascent.Default;
        }

        var parts = text.Split(':').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new LagrangianBound.Ascent((int)parts[0], parts[1], parts[2], MinTheta: 1e-6, Window: int.MaxValue);
    }

    /// <summary>Three times: one evaluation at the LP's duals on two workers, its arcs and the capacities its bin problems try.</summary>
    private static void Profile(ProblemIndex index, ArcTable table, RelaxedSolution lp)
    {
        var rent = lp.LotRentMilliFen!.Select(r => r / 1000).ToArray();
        var price = lp.LinePriceMilliFen!.Select(r => r / 1000).ToArray();
        var lagrangian = new LagrangianBound(index, table, 2);
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                lagrangian.Evaluate(rent, price, default);
            }

            Console.WriteLine($"evaluation, 2 workers: {clock.Elapsed.TotalMilliseconds / 20:0.00} ms, {table.Count} arcs, {lagrangian.LastSteps} capacities tried");
        }
    }
}
