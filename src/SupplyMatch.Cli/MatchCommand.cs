using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary>What the options of <c>match</c> ask for.</summary>
/// <param name="Solver">The solver to use instead of the scenario's setting; null keeps the setting.</param>
internal sealed record MatchOptions(string Directory, bool Json, SolverChoice? Solver, string? OutFile, string? MpsFile);

/// <summary><c>supplymatch match</c>: loads a scenario, solves it and prints the KPIs (table) or the result (JSON).</summary>
internal static class MatchCommand
{
    public const string Usage =
        "Usage: supplymatch match <scenario-dir> [--format table|json] [--out FILE] [--solver auto|flow|lp] [--export-mps FILE]\n\n"
        + "Loads the scenario directory (lots.csv, lines.csv, reference files or scenario.json; see data/README.md),\n"
        + "solves the allocation to proven optimality and prints the outcome.\n\n"
        + "  --format table   KPIs, unmet demand by reason and solver statistics (default)\n"
        + "  --format json    the result as JSON; the same input gives byte-identical output\n"
        + "  --out FILE       write the output to FILE instead of stdout\n"
        + "  --solver S       auto (min-cost flow, or LP with policy targets), flow or lp;\n"
        + "                   overrides settings.solver of scenario.json (default auto)\n"
        + "  --export-mps F   also write the allocation LP in free MPS format to F\n\n"
        + CliApp.ExitCodeText;

    private static readonly CommandSpec Spec = new("match", ["--format", "--out", "--solver", "--export-mps"], [], 1);

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
        return solverText is not null && solver is null
            ? (null, $"--solver must be auto, flow or lp, not '{solverText}'")
            : (new MatchOptions(parsed.Positionals[0], format == "json", solver, parsed.Value("--out"), parsed.Value("--export-mps")), null);
    }

    private static SolverChoice? ParseSolver(string text) => text switch
    {
        "auto" => SolverChoice.Auto,
        "flow" => SolverChoice.Flow,
        "lp" => SolverChoice.Lp,
        _ => null,
    };
}
