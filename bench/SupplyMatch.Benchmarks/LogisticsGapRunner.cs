using System.Diagnostics;
using System.Globalization;
using SupplyMatch.Core.Logistics;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SupplyMatch.Benchmarks -- logistics-gap [--scenario DIR | --lots N] [--lines N] [--products N]
/// [--days N] [--seed N] [--time S] [--work UNITS] [--workers N] [--routes on|off] [--engine auto|full|lns|rounded] [--solver scip|cp-sat] [--k N] [--solves FILE]</c>: plans one generated
/// instance and prints the objective, the bound and the gap as the search goes, with the machine load; <c>--solves</c>
/// writes every MIP solve (model entries, iterations, nodes, wall ms, solves at once, units) to a tab-separated file.
/// </summary>
public static class LogisticsGapRunner
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var problem = LogisticsInstances.From(options, 10_000, 20_000, 60);
        var defaults = new LogisticsSettings();
        var settings = new LogisticsSettings
        {
            TimeLimitSeconds = options.Double("time", 60),
            WorkLimit = options.Has("work") ? (long)options.Double("work", 0) : null,
            Workers = options.Int("workers", 2),
            CandidatesPerLine = options.Int("k", 8),
            Solver = options.Text("solver", "scip") == "cp-sat" ? MipSolver.CpSat : MipSolver.Scip,
            TargetGapPercent = options.Double("target", 0),
            RouteDeliveries = options.Text("routes", "on") != "off",
            BoundShare = options.Double("bound-share", defaults.BoundShare),
            SlopeScalingShare = options.Double("slope-share", defaults.SlopeScalingShare),
            LocalSearchShare = options.Double("ls-share", defaults.LocalSearchShare),
            Engine = options.Text("engine", "auto") switch
            {
                "full" => LogisticsEngine.FullModel,
                "lns" => LogisticsEngine.NeighbourhoodSearch,
                "rounded" => LogisticsEngine.RoundedLp,
                _ => LogisticsEngine.Auto,
            },
        };
        Console.WriteLine($"load before: {Load()}");
        var clock = Stopwatch.StartNew();
        var result = LogisticsPlanner.Plan(problem, settings);
        var s = result.Statistics;
        var t = result.Timings!;
        Console.WriteLine($"load after: {Load()}  wall {clock.Elapsed.TotalSeconds:0.0} s  phases: candidates {t.CandidatesMs / 1000:0.0} s, LP {t.LpMs / 1000:0.0} s, start {t.StartMs / 1000:0.0} s, bound {t.BoundMs / 1000:0.0} s, search {t.SearchMs / 1000:0.0} s");
        Console.WriteLine($"units per phase (M): {string.Join(", ", t.PhaseUnits.Select(u => (u / 1e6).ToString("0.00", CultureInfo.InvariantCulture)))}; wall per unit (µs): {string.Join(", ", t.PhaseUnits.Zip([t.CandidatesMs, t.LpMs, t.StartMs, t.BoundMs, t.SearchMs], (u, ms) => (u == 0 ? 0 : ms * 1000 / u).ToString("0.00", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"lots {s.Lots} lines {s.Lines} candidate arcs {s.CandidateArcs} LP arcs {s.PairArcs} retained {s.RetainedArcs} bins {s.Bins} complete {s.CompleteModel}");
        Console.WriteLine($"solver {s.Solver} neighbourhoods {s.Neighbourhoods} improvements {s.Improvements} max vars {s.Variables} max constraints {s.Constraints}");
        Console.WriteLine($"objective {s.ObjectiveCny:N2}  best bound {s.BestBoundCny:N2}  LP bound {s.LpBoundCny:N2}  warm start {s.WarmStartCny:N2}  gap {s.GapPercent:0.000} %  status {s.Status}  work {s.WorkUnits:N0} units{(s.ClockLimited ? " (cut by the clock)" : "")}");
        var k = result.Kpis;
        Console.WriteLine($"trucks {k.Trucks} fill {k.AverageFillPercent:0.0} % truck-km {k.TruckKm:N0} transport {k.TransportCostCny:N0} CNY = {k.CostPerKgCny:0.0000} CNY/kg  CO2 {k.Co2Kg / 1000:N1} t  fill rate {k.FillRateKg:P1}  via hubs {k.KgViaOriginHubs:N0} kg via DCs {k.KgViaDcs:N0} kg");
        var o = result.Objective;
        Console.WriteLine($"objective terms: ex-farm {o.ExFarmCny:N0} bonus {o.PovertyBonusCny:N0} trucks {o.TrucksCny:N0} feeder {o.FeederCny:N0} hub {o.HubHandlingCny:N0} dc {o.DcHandlingCny:N0} city {o.CityDeliveryCny:N0} unmet {o.UnmetPenaltyCny:N0}");
        Console.WriteLine($"LP bound {s.LpBoundCny:N2} Lagrangian {s.LagrangianBoundCny:N2} slope-scaling iterations {s.SlopeScalingIterations} local moves {s.LocalMoves} bound iterations {s.BoundIterations}");
        if (result.Routing is { } r)
        {
            Console.WriteLine($"delivery routes: {r.Runs} runs, {r.Routes} routes, {r.Stops} stops, {r.RoutedKg:N0} kg routed, {r.UnroutedStops} unrouted ({r.UnroutedKg:N0} kg), {r.Km:N0} km, {r.CostCny:N0} CNY (planned per kg {r.PlannedCityDeliveryCny:N0} CNY), fill {r.AverageFillPercent:0.0} %, CO2 {r.Co2Kg / 1000:N2} t, routing {t.RoutingMs / 1000:0.0} s");
            foreach (var reason in result.UnroutedDeliveries.GroupBy(u => u.Reason).OrderBy(g => g.Key))
                Console.WriteLine($"  unrouted {reason.Key}: {reason.Count()} ({reason.Sum(u => (long)u.Kg):N0} kg), e.g. {reason.First().Message}");
        }

        Console.WriteLine("seconds\tobjective_cny\tbound_cny\tgap_pct");
        foreach (var p in t.Trace)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Seconds:0.00}\t{p.ObjectiveCny:0.00}\t{p.BoundCny:0.00}\t{p.GapPercent:0.000}"));
        }

        if (options.Has("solves"))
        {
            File.WriteAllLines(options.Text("solves", ""), t.Solves.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Entries}\t{c.Iterations}\t{c.Nodes}\t{c.Milliseconds:0.0}\t{c.AtOnce}\t{c.WorkUnits:0}\t{(c.WholeModel ? 1 : 0)}")).Prepend("entries\titerations\tnodes\tms\tat_once\tunits\twhole"));
        }

        return 0;
    }

    /// <summary>The 1-minute load average (from /proc/loadavg), to record next to every timing on a shared machine.</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>--name value pairs.</summary>
    internal sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            return new Options(values);
        }

        public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public double Double(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

        public bool Has(string name) => values.ContainsKey(name);
    }
}
