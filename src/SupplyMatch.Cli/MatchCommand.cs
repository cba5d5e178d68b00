using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary>What the options of <c>match</c> ask for.</summary>
/// <param name="Solver">The solver to use instead of the scenario's setting; null keeps the setting.</param>
/// <param name="Logistics">Whole-truck planning settings with <c>--logistics</c>; null plans the per-kg allocation.</param>
internal sealed record MatchOptions(string Directory, bool Json, SolverChoice? Solver, string? OutFile, string? MpsFile, LogisticsSettings? Logistics = null);

/// <summary><c>supplymatch match</c>: loads a scenario, solves it and prints the KPIs (table) or the result (JSON).</summary>
internal static class MatchCommand
{
    public const string Usage =
        "Usage: supplymatch match <scenario-dir> [--format table|json] [--out FILE] [--solver auto|flow|lp] [--export-mps FILE]\n"
        + "       supplymatch match <scenario-dir> --logistics [--time-limit S] [--workers N] [--no-hubs] [--mip scip|cp-sat]\n"
        + "                         [--no-routes] [--format table|json] [--out FILE]\n\n"
        + "Loads the scenario directory (lots.csv, lines.csv, reference files with hubs.csv, or scenario.json; see\n"
        + "data/README.md), solves the per-kg allocation to proven optimality, or with --logistics plans whole trucks,\n"
        + "and prints the outcome. A JSON file in place of the directory is a round's snapshot from the service\n"
        + "(GET /api/v1/rounds/{id}/snapshot): the problem exactly as that round solved it.\n\n"
        + "  --format table   KPIs, unmet demand by reason and solver statistics (default); with --logistics the\n"
        + "                   objective by term, best/LP/Lagrangian bounds and gap, logistics KPIs, shipments by vehicle\n"
        + "                   type and lane kind, top lanes by cost, delivery routes and unmet lines by reason\n"
        + "  --format json    the result as JSON; the same input gives byte-identical output (for --logistics, the\n"
        + "                   whole plan; a time-limited search may end on another plan from run to run)\n"
        + "  --out FILE       write the output to FILE instead of stdout; FILE (and the --export-mps file) is checked\n"
        + "                   before solving: its directory must exist and it must not be a file of the scenario\n"
        + "                   (nor a reference file in the directory its scenario.json names)\n"
        + "  --solver S       auto (min-cost flow, or LP with policy targets), flow or lp;\n"
        + "                   overrides settings.solver of scenario.json (default auto)\n"
        + "  --export-mps F   also write the allocation LP in free MPS format to F\n"
        + LogisticsOptions.UsageText + "\n"
        + CliApp.ExitCodeText;

    private static readonly CommandSpec Spec = new("match", ["--format", "--out", "--solver", "--export-mps", .. LogisticsOptions.ValueOptions], LogisticsOptions.Flags, 1);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (parsed, error) = CommandLine.Parse(args, Spec);
        if (parsed is null)
        {
            return CliOutput.UsageError(Spec.Name, error!, Usage, stderr);
        }

        if (parsed.Help)
        {
            stdout.Write(Usage);
            return ExitCodes.Ok;
        }

        var (options, optionError) = ReadOptions(parsed);
        if (options is null)
        {
            return CliOutput.UsageError(Spec.Name, optionError!, Usage, stderr);
        }

        var problem = CliOutput.LoadScenario(options.Directory, stderr);
        if (problem is null)
        {
            return ExitCodes.BadInput;
        }

        if (options.Logistics is { } logistics)
        {
            return LogisticsMatch.Run(problem, logistics, options, stdout, stderr, cancellationToken);
        }

        if (options.Solver is { } chosen)
        {
            problem = problem with { Settings = problem.Settings with { Solver = chosen } };
        }

        if (problem.Settings.Solver == SolverChoice.Flow && problem.Settings.Policy is { Any: true })
        {
            stderr.WriteLine("supplymatch: the flow solver cannot honour the policy targets of this scenario; use --solver lp or auto");
            return ExitCodes.BadInput;
        }

        return Solve(problem, options, stdout, stderr, cancellationToken);
    }

    private static int Solve(MatchingProblem problem, MatchOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (options.MpsFile is { } mpsPath && !CliOutput.TryWriteFile(mpsPath, Matcher.ExportMps(problem), stderr))
        {
            return ExitCodes.BadInput;
        }

        var result = Matcher.Solve(problem, cancellationToken);
        var text = options.Json ? MatchingJson.Serialize(result) + "\n" : MatchReport.Render(problem, result);
        if (options.OutFile is { } outPath)
        {
            if (!CliOutput.TryWriteFile(outPath, text, stderr))
            {
                return ExitCodes.BadInput;
            }

            stderr.WriteLine($"supplymatch: wrote {outPath} (status {Words.Of(result.Status)}, {result.Allocations.Count} allocations)");
        }
        else
        {
            stdout.Write(text);
        }

        if (result.Status is SolveStatus.Optimal or SolveStatus.Feasible)
        {
            return ExitCodes.Ok;
        }

        stderr.WriteLine($"supplymatch: the solve ended without a plan (status {Words.Of(result.Status)})");
        return ExitCodes.InvalidResult;
    }

    private static (MatchOptions? Options, string? Error) ReadOptions(ParsedArgs parsed)
    {
        var format = parsed.Value("--format") ?? "table";
        if (format is not ("table" or "json"))
        {
            return (null, $"--format must be table or json, not '{format}'");
        }

        var solverText = parsed.Value("--solver");
        var solver = solverText is null ? null : ParseSolver(solverText);
        if (solverText is not null && solver is null)
        {
            return (null, $"--solver must be auto, flow or lp, not '{solverText}'");
        }

        var options = new MatchOptions(parsed.Positionals[0], format == "json", solver, parsed.Value("--out"), parsed.Value("--export-mps"));
        if (options is { OutFile: { } outFile, MpsFile: { } mpsFile } && Path.GetFullPath(outFile) == Path.GetFullPath(mpsFile))
        {
            return (null, $"--out and --export-mps name the same file {outFile}");
        }

        foreach (var (option, path) in new[] { ("--out", options.OutFile), ("--export-mps", options.MpsFile) })
        {
            if (path is not null && CliOutput.OutputPathError(option, path, options.Directory) is { } pathError)
            {
                return (null, pathError);
            }
        }

        return parsed.Has(LogisticsOptions.Logistics) ? WithLogistics(parsed, options) : WithoutLogistics(parsed, options);
    }

    private static (MatchOptions? Options, string? Error) WithLogistics(ParsedArgs parsed, MatchOptions options)
    {
        if (options.Solver is not null || options.MpsFile is not null)
        {
            return (null, "--solver and --export-mps apply to the per-kg allocation, not to --logistics (use --mip)");
        }

        var (settings, error) = LogisticsOptions.Read(parsed);
        return settings is null ? (null, error) : (options with { Logistics = settings }, null);
    }

    private static (MatchOptions? Options, string? Error) WithoutLogistics(ParsedArgs parsed, MatchOptions options) =>
        LogisticsOptions.FirstGiven(parsed) is { } option ? (null, $"{option} needs --logistics") : (options, null);

    private static SolverChoice? ParseSolver(string text) => text switch
    {
        "auto" => SolverChoice.Auto,
        "flow" => SolverChoice.Flow,
        "lp" => SolverChoice.Lp,
        _ => null,
    };
}
