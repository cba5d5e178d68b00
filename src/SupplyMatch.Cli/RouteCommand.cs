using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Cli;

/// <summary>
/// <c>supplymatch route --solomon FILE [--time-limit S] [--round dimacs|none] [--format table|json]
/// [--optimum X] [--first-solution NAME] [--search ils|gls|descent] [--workers N]</c>: routes a Solomon VRPTW instance
/// and reports the customers read, distance, vehicles, time and the gap to a known optimum (with a warning when the
/// distance is below it).
/// Exit codes: 0 solved, 2 bad input (arguments or file; the file's line is named), 3 the search ended without routes
/// (not solved in its time limit); anything unexpected reaches
/// <see cref="CliApp"/>, which reports it as an internal error (1).
/// </summary>
public static class RouteCommand
{
    internal static readonly string Usage =
        "Usage: supplymatch route --solomon FILE [--time-limit S] [--round dimacs|none] [--format table|json]\n"
        + "                         [--optimum DISTANCE] [--first-solution NAME] [--search ils|gls|descent]\n"
        + "                         [--workers N]\n\n"
        + "Reads one Solomon VRPTW instance (e.g. C101.txt), routes its customers with the delivery router inside\n"
        + "their time windows and prints the distance, the vehicles used, the solve time and every route.\n\n"
        + "  --solomon FILE     the instance file\n"
        + "  --time-limit S     search time limit in seconds, up to 86400 (default 10)\n"
        + "  --round R          dimacs (default; each arc truncated to one decimal, the DIMACS 2021 convention)\n"
        + "                     or none (thousandths)\n"
        + "  --format F         table (default) or json (the report with each stop's arrival, start and departure)\n"
        + "  --optimum D        a known best distance: also print the gap to it, and a warning when the distance\n"
        + "                     is below it (the optimum or the file is then wrong)\n"
        + "  --first-solution   path-cheapest-arc (default), parallel-cheapest-insertion, local-cheapest-insertion\n"
        + "                     or savings\n"
        + "  --search S         ils (iterated local search, default), gls (guided local search) or descent\n"
        + "  --workers N        searches side by side, each searching differently, the best kept: 1 to "
        + RoutingSettings.MaxWorkers + "\n"
        + "                     (default 2, or 1 on a single core)\n\n"
        + CliApp.ExitCodeText;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (options, error) = RouteOptions.Parse(args);
        if (options is null)
        {
            if (error is null)
            {
                stdout.Write(Usage);
                return ExitCodes.Ok;
            }

            return CliOutput.UsageError("route", error, Usage, stderr);
        }

        if (Directory.Exists(options.File))
        {
            return CliOutput.UsageError(
                "route", $"'{options.File}' is a directory; give one instance file, e.g. {Path.Combine(options.File, "C101.txt")}", Usage, stderr);
        }

        if (!File.Exists(options.File))
        {
            stderr.WriteLine($"{options.File}: Solomon instance file not found");
            return ExitCodes.BadInput;
        }

        var read = SolomonReader.ReadFile(options.File);
        if (read.Instance is null)
        {
            var where = read.Error!.Line > 0 ? $"{options.File}:{read.Error.Line}" : options.File;
            stderr.WriteLine($"{where}: {read.Error.Message}");
            return ExitCodes.BadInput;
        }

        var problem = read.Instance.ToProblem(options.Rounding, options.Settings);
        var solution = Router.Solve(problem);
        var report = RouteReport.From(problem, solution, options);
        if (options.Json)
            stdout.WriteLine(JsonSerializer.Serialize(report, MatchingJson.Options));
        else
            report.WriteTable(stdout);
        if (solution.Status is SolveStatus.Optimal or SolveStatus.Feasible)
            return ExitCodes.Ok;

        // As 'match' without a plan: the customers are all listed as unrouted, but no routes were found.
        stderr.WriteLine($"supplymatch: the search ended without routes (status {Words.Of(solution.Status)}); "
            + "every customer is listed as unrouted; give it a longer --time-limit");
        return ExitCodes.InvalidResult;
    }

    /// <summary>The parsed command line.</summary>
    internal sealed record RouteOptions(string File, ArcRounding Rounding, RoutingSettings Settings, bool Json, double? Optimum)
    {
        /// <summary>The longest time limit accepted, seconds (one day).</summary>
        internal const double MaxSeconds = 86_400;

        private static readonly CommandSpec Spec = new(
            "route", ["--solomon", "--time-limit", "--round", "--format", "--optimum", "--first-solution", "--search", "--workers"], [], 0);

        /// <summary>The options, or the error; both null when only <c>--help</c> was asked for.</summary>
        public static (RouteOptions? Options, string? Error) Parse(string[] args)
        {
            var (parsed, parseError) = CommandLine.Parse(args, Spec);
            if (parsed is null)
            {
                return (null, parseError!.StartsWith("unexpected argument", StringComparison.Ordinal) ? parseError + "; route reads one instance file" : parseError);
            }

            if (parsed.Help)
            {
                return (null, null);
            }

            var (rounding, json, seconds) = (ArcRounding.Dimacs, false, 10.0);
            double? optimum = null;
            var settings = RoutingSettings.Default with { Workers = Math.Min(2, Environment.ProcessorCount) };
            foreach (var name in Spec.ValueOptions)
            {
                if (parsed.Value(name) is not { } value)
                    continue;
                string? error = name switch
                {
                    "--time-limit" => PositiveNumber(value, out seconds) && seconds <= MaxSeconds ? null
                        : $"--time-limit must be a positive number of seconds up to {MaxSeconds:0}, not '{value}'",
                    "--round" => ParseRounding(value, ref rounding),
                    "--format" => value is "table" or "json" ? Set(ref json, value == "json") : $"--format must be table or json, not '{value}'",
                    "--optimum" => PositiveNumber(value, out var o) ? Set(ref optimum, o) : $"--optimum must be a positive number, not '{value}'",
                    "--first-solution" => ParseFirstSolution(value, ref settings),
                    "--search" => ParseSearch(value, ref settings),
                    "--workers" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is >= 1 and <= RoutingSettings.MaxWorkers
                        ? Set(ref settings, settings with { Workers = w })
                        : $"--workers must be a whole number from 1 to {RoutingSettings.MaxWorkers}, not '{value}'",
                    _ => null,
                };
                if (error is not null)
                    return (null, error);
            }

            if (parsed.Value("--solomon") is not { } file)
                return (null, "--solomon FILE is required");
            settings = settings with { TimeLimit = TimeSpan.FromSeconds(seconds) };
            return (new RouteOptions(file, rounding, settings, json, optimum), null);
        }

        private static string? Set<T>(ref T target, T value)
        {
            target = value;
            return null;
        }

        private static bool PositiveNumber(string s, out double value) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value > 0;

        private static string? ParseRounding(string value, ref ArcRounding rounding) => value switch
        {
            "dimacs" => Set(ref rounding, ArcRounding.Dimacs),
            "none" => Set(ref rounding, ArcRounding.None),
            _ => $"--round must be dimacs or none, not '{value}'",
        };

        private static string? ParseFirstSolution(string value, ref RoutingSettings settings) => value switch
        {
            "path-cheapest-arc" => Set(ref settings, settings with { FirstSolution = FirstSolutionMethod.PathCheapestArc }),
            "parallel-cheapest-insertion" => Set(ref settings, settings with { FirstSolution = FirstSolutionMethod.ParallelCheapestInsertion }),
            "local-cheapest-insertion" => Set(ref settings, settings with { FirstSolution = FirstSolutionMethod.LocalCheapestInsertion }),
            "savings" => Set(ref settings, settings with { FirstSolution = FirstSolutionMethod.Savings }),
            _ => $"--first-solution must be path-cheapest-arc, parallel-cheapest-insertion, local-cheapest-insertion or savings, not '{value}'",
        };

        private static string? ParseSearch(string value, ref RoutingSettings settings) => value switch
        {
            "gls" => Set(ref settings, settings with { Improvement = ImprovementMethod.GuidedLocalSearch }),
            "ils" => Set(ref settings, settings with { Improvement = ImprovementMethod.IteratedLocalSearch }),
            "descent" => Set(ref settings, settings with { Improvement = ImprovementMethod.LocalOptimum }),
            _ => $"--search must be ils, gls or descent, not '{value}'",
        };
    }
    /// <summary>
    /// What the command prints: totals in the instance's units, and the routes with their times. The table shows every
    /// distance with the decimals the arc rounding keeps (<paramref name="DistanceDecimals"/>, from the matrix's scale).
    /// </summary>
    /// <param name="Customers">Customers read from the file (the depot not counted): a file cut short is still a valid instance.</param>
    /// <param name="Warnings">What the figures put in doubt, e.g. a distance below the stated optimum; empty when nothing does.</param>
    internal sealed record RouteReport(
        string Instance,
        int Customers,
        string Rounding,
        double Distance,
        int Vehicles,
        SolveStatus Status,
        double SolveSeconds,
        double? Optimum,
        double? GapPercent,
        IReadOnlyList<RouteLine> Routes,
        IReadOnlyList<UnroutedStop> Unrouted,
        IReadOnlyList<string> Warnings,
        [property: JsonIgnore] int DistanceDecimals)
    {
        /// <summary>How far below the stated optimum a distance may be, %, before it cannot be right (the optimum's own rounding).</summary>
        internal const double BelowOptimumTolerancePercent = 0.05;

        public static RouteReport From(RoutingProblem problem, RoutingSolution solution, RouteOptions options)
        {
            var travel = problem.Travel;
            var distance = travel.ToDistance(solution.TotalDistance);
            double? gap = options.Optimum is { } o ? Math.Round(100 * (distance - o) / o, 3) : null;
            var routes = solution.Routes.Select(r => new RouteLine(
                r.Vehicle,
                travel.ToDistance(r.Distance),
                r.LoadKg,
                travel.ToTime(r.DepartDepot),
                travel.ToTime(r.ReturnDepot),
                r.Visits.Select(v => new StopLine(v.StopId, travel.ToTime(v.Arrival), travel.ToTime(v.ServiceStart), travel.ToTime(v.Departure))).ToList()))
                .ToList();
            return new RouteReport(
                problem.Name, problem.Stops.Count, options.Rounding == ArcRounding.Dimacs ? "dimacs" : "none", distance, solution.VehiclesUsed,
                solution.Status, Math.Round(solution.SolveTime.TotalSeconds, 3), options.Optimum, gap, routes, solution.Unrouted,
                WarningsOf(problem.Stops.Count, distance, options.Optimum, gap), (int)Math.Round(Math.Log10(travel.DistanceScale)));
        }

        /// <summary>A distance below a true optimum is impossible: the optimum is not this instance's, or the file is not all of it.</summary>
        private static List<string> WarningsOf(int customers, double distance, double? optimum, double? gap) =>
            gap < -BelowOptimumTolerancePercent
                ? [string.Create(CultureInfo.InvariantCulture,
                    $"distance {distance:0.###} is {-gap:0.00} % below the stated optimum {optimum:0.###}, which no solution can beat: the optimum is not this instance's, or the file is incomplete ({customers} customers read)")]
                : [];

        public void WriteTable(TextWriter writer)
        {
            var c = CultureInfo.InvariantCulture;
            // Tenths under DIMACS, thousandths otherwise: 10.0, not 10.
            var km = DistanceDecimals > 0 ? "0." + new string('0', DistanceDecimals) : "0";
            writer.WriteLine(string.Create(c, $"instance    {Instance}"));
            writer.WriteLine(string.Create(c, $"customers   {Customers}"));
            writer.WriteLine(string.Create(c, $"distance    {Distance.ToString(km, c)} (rounding {Rounding})"));
            writer.WriteLine(string.Create(c, $"vehicles    {Vehicles}"));
            writer.WriteLine(string.Create(c, $"status      {Status.ToString().ToLowerInvariant()}"));
            writer.WriteLine(string.Create(c, $"solve time  {SolveSeconds:0.00} s"));
            if (GapPercent is { } gap)
                writer.WriteLine(string.Create(c, $"gap         {gap:0.00} % to optimum {Optimum:0.###}"));
            foreach (var warning in Warnings)
                writer.WriteLine($"warning     {warning}");
            writer.WriteLine(string.Create(c, $"unrouted    {Unrouted.Count}"));
            foreach (var u in Unrouted)
                writer.WriteLine(string.Create(c, $"  stop {u.StopId}: {JsonNamingPolicy.SnakeCaseLower.ConvertName(u.Reason.ToString())} - {u.Message}"));
            foreach (var r in Routes)
                writer.WriteLine(string.Create(c, $"vehicle {r.Vehicle,3}  distance {r.Distance.ToString(km, c),8}  load {r.LoadKg,5}  depot {string.Join(' ', r.Stops.Select(s => s.Id))} depot"));
        }
    }

    /// <summary>One route in the report.</summary>
    internal sealed record RouteLine(int Vehicle, double Distance, int LoadKg, double DepartDepot, double ReturnDepot, IReadOnlyList<StopLine> Stops);

    /// <summary>One visit in the report: arrival, start of service and departure times.</summary>
    internal sealed record StopLine(string Id, double Arrival, double ServiceStart, double Departure);
}
