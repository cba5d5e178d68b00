using System.Diagnostics;
using System.Globalization;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>dotnet $BENCH routing-solomon [--dir bench/solomon] [--time 10] [--only C1,RC2,R101,...] [--search ils|gls] [--workers 1|2]
/// [--variant 0|1] [--arcs callback|matrix]</c>: routes every
/// Solomon instance of the folder in turn, one at a time, with the router's DIMACS arc rounding and the given time limit,
/// checks each solution from the file alone (<see cref="Check"/>), and prints distance, vehicles, time and the gap to the
/// proven optimum in the folder's <c>optima.csv</c>, per instance, per class and over all. <c>--only</c> takes classes and instance names.
/// </summary>
public static class SolomonSetRunner
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var dir = options.Has("dir") ? options.Text("dir", "") : RoutingInstances.SetDirectory();
        var only = options.Text("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var settings = new RoutingSettings(
            TimeSpan.FromSeconds(options.Double("time", 10)),
            Improvement: options.Text("search", "ils") == "gls" ? ImprovementMethod.GuidedLocalSearch : ImprovementMethod.IteratedLocalSearch,
            Workers: options.Int("workers", 1));
        var optima = File.ReadLines(Path.Combine(dir, "optima.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

        Console.WriteLine("instance\toptimum\tdistance\tvehicles\tgap_pct\tseconds\tcheck");
        var gaps = new List<(string Name, double Gap)>();
        foreach (var (name, optimum) in optima.Where(o => only.Length == 0 || only.Any(p => Class(o.Key) == p || o.Key == p)))
        {
            var read = SolomonReader.ReadFile(Path.Combine(dir, name + ".txt"));
            var instance = read.Instance ?? throw new InvalidOperationException($"{name}: {read.Error}");
            var clock = Stopwatch.StartNew();
            var solution = Router.Solve(instance.ToProblem(ArcRounding.Dimacs, settings), options.Text("arcs", "callback") == "matrix", CancellationToken.None, options.Int("variant", 0));
            var seconds = clock.Elapsed.TotalSeconds;
            var (tenths, problems) = Check(instance, solution);
            var distance = tenths / 10.0;
            var gap = 100 * (distance - optimum) / optimum;
            gaps.Add((name, gap));
            var verdict = problems.Count == 0 && tenths == solution.TotalDistance ? "ok" : string.Join("; ", problems.Append($"reported {solution.TotalDistance}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{optimum:0.0}\t{distance:0.0}\t{solution.VehiclesUsed}\t{gap:0.00}\t{seconds:0.0}\t{verdict}"));
        }

        foreach (var group in gaps.GroupBy(g => Class(g.Name)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"class {group.Key}: {group.Count()} instances, mean gap {group.Average(g => g.Gap):0.00} %"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: {gaps.Count} instances, mean gap {gaps.Average(g => g.Gap):0.00} %, worst {gaps.Max(g => g.Gap):0.00} %"));
        return 0;
    }

    /// <summary>C1, C2, R1, R2, RC1 or RC2: the letters and the first digit of the name.</summary>
    private static string Class(string name) => name[..(name.AsSpan().IndexOfAnyInRange('0', '9') + 1)];

    /// <summary>
    /// The solution's distance in tenths, recomputed from the file's coordinates (each arc floor(10 d) / 10), and every way it
    /// breaks the instance: a customer missing or repeated, a load over capacity, service outside a window (travel time =
    /// truncated distance, waiting allowed), a route back after the depot closes.
    /// </summary>
    public static (long Tenths, List<string> Problems) Check(SolomonInstance instance, RoutingSolution solution)
    {
        var customers = instance.Customers;
        var problems = new List<string>();
        var visits = new int[customers.Count];
        long total = 0;
        foreach (var route in solution.Routes.Where(r => r.Visits.Count > 0))
        {
            var (at, time, load) = (0, instance.Depot.ReadyTime * 10L, 0);
            foreach (var visit in route.Visits)
            {
                var c = int.Parse(visit.StopId, CultureInfo.InvariantCulture);
                visits[c]++;
                var leg = Tenths(customers[at], customers[c]);
                total += leg;
                time = Math.Max(time + leg, customers[c].ReadyTime * 10L);
                if (time > customers[c].DueDate * 10L)
                {
                    problems.Add($"customer {c} served at {time / 10.0}, due {customers[c].DueDate}");
                }

                time += customers[c].ServiceTime * 10L;
                load += customers[c].Demand;
                at = c;
            }

            total += Tenths(customers[at], instance.Depot);
            if (time + Tenths(customers[at], instance.Depot) > instance.Depot.DueDate * 10L)
            {
                problems.Add($"route of vehicle {route.Vehicle} back after the depot closes");
            }

            if (load > instance.Capacity)
            {
                problems.Add($"route of vehicle {route.Vehicle} carries {load} > {instance.Capacity}");
            }
        }

        problems.AddRange(Enumerable.Range(1, customers.Count - 1).Where(c => visits[c] != 1).Select(c => $"customer {c} visited {visits[c]} times"));
        if (solution.Routes.Count(r => r.Visits.Count > 0) > instance.Vehicles)
        {
            problems.Add("more routes than vehicles");
        }

        return (total, problems);
    }

    private static long Tenths(SolomonCustomer a, SolomonCustomer b)
    {
        var (dx, dy) = (a.X - b.X, a.Y - b.Y);
        return (long)Math.Floor(10 * Math.Sqrt((dx * dx) + (dy * dy)));
    }
}
