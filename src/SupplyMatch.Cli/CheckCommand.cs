using System.Text.Json;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary><c>supplymatch check</c>: re-checks a result JSON against its scenario with the independent checker.</summary>
internal static class CheckCommand
{
    public const string Usage =
        "Usage: supplymatch check <scenario-dir> <result.json> [--no-hubs] [--no-routes] [--logistics] [--time-limit S]\n"
        + "                         [--workers N] [--mip scip|cp-sat]\n\n"
        + "Recomputes every constraint, the objective and the KPIs of a result written by\n"
        + "'supplymatch match --format json' and compares them with what the result states.\n"
        + "A round of the service is checked on its snapshot and result (GET /api/v1/rounds/{id}/snapshot and\n"
        + ".../result): supplymatch check snapshot.json result.json; a JSON file in place of the directory is a snapshot.\n"
        + "A logistics plan ('match --logistics', recognised by its shipments) is re-checked by the logistics\n"
        + "checker: supply, minimum orders, all-or-nothing lines, paths through the nearest hubs, timing, freshness,\n"
        + "price ceilings, truck capacity, vehicle types and cold chain, loads against allocations and the objective.\n"
        + "Give it the options the plan was made with: --no-hubs changes what a valid path is; --logistics,\n"
        + "--time-limit, --workers, --mip and --no-routes are accepted so that the same options can be repeated.\n"
        + "Prints OK with the recomputed objective, or every issue found.\n\n"
        + "Exit: 0 the result is feasible and its figures are right; 3 it is infeasible or a figure is wrong;\n"
        + "2 the scenario or the result file cannot be read, or an option is wrong.\n\n"
        + CliApp.ExitCodeText;

    private static readonly CommandSpec Spec = new("check", LogisticsOptions.ValueOptions, LogisticsOptions.Flags, 2);

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

        var (settings, optionError) = LogisticsOptions.Read(parsed);
        if (settings is null)
        {
            return CliOutput.UsageError(Spec.Name, optionError!, Usage, stderr);
        }

        var problem = CliOutput.LoadScenario(parsed.Positionals[0], stderr);
        var path = parsed.Positionals[1];
        var (text, logistics) = ReadKind(path, stderr);
        if (problem is null || text is null)
        {
            return ExitCodes.BadInput;
        }

        if (logistics)
        {
            return LogisticsCheck.Run(problem, parsed.Positionals[0], path, text, settings, stdout, stderr, cancellationToken);
        }

        if (LogisticsOptions.FirstGiven(parsed) is { } option)
        {
            return CliOutput.UsageError(Spec.Name, $"{option} applies to logistics plans; {path} is a per-kg matching result", Usage, stderr);
        }

        var result = ReadResult(path, text, stderr);
        if (result is null)
        {
            return ExitCodes.BadInput;
        }

        var exit = Report(FeasibilityChecker.Check(problem, result), result.ObjectiveCny, stdout, cancellationToken);
        OtherProblemHint(exit, problem, result.Allocations.Select(a => (a.LotId, a.LineId)).ToList(), parsed.Positionals[0], stderr);
        return exit;
    }

    /// <summary>
    /// After a failed check in which no allocation names a lot or a line of the problem, says the likeliest cause: the result
    /// belongs to another problem, typically a round of the service checked against the scenario files it was loaded from
    /// (the service gives lines and lots ids of its own).
    /// </summary>
    internal static void OtherProblemHint(int exit, MatchingProblem problem, IReadOnlyList<(string LotId, string LineId)> allocations, string scenario, TextWriter stderr)
    {
        var lots = problem.Lots.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var lines = problem.Lines.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        if (exit == ExitCodes.Ok || allocations.Count == 0 || allocations.Any(a => lots.Contains(a.LotId) || lines.Contains(a.LineId)))
        {
            return;
        }

        stderr.WriteLine($"supplymatch: none of the {Words.Count(allocations.Count, "allocation")} names a lot or a line of {scenario}: the result was made "
            + "for another problem; a round of the service is checked against its own snapshot (GET /api/v1/rounds/{id}/snapshot), whose lines "
            + "and lots carry the service's ids");
    }

    /// <summary>Prints OK or every issue; returns the exit code.</summary>
    internal static int Report(CheckReportView report, decimal statedCny, TextWriter stdout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var figures = $"recomputed objective {Words.Cny(report.RecomputedCny)} (stated {Words.Cny(statedCny)})";
        if (report.Issues.Count == 0)
        {
            stdout.WriteLine($"OK: {report.What} is feasible and its figures are right; {figures}");
            return ExitCodes.Ok;
        }

        stdout.WriteLine($"FAILED: {report.Issues.Count} issue{(report.Issues.Count == 1 ? string.Empty : "s")}; {figures}");
        foreach (var issue in report.Issues)
        {
            stdout.WriteLine($"  [{issue.Code}] {issue.Message.ReplaceLineEndings(" ")}");
        }

        return ExitCodes.InvalidResult;
    }

    private static int Report(CheckReport report, decimal statedCny, TextWriter stdout, CancellationToken cancellationToken) =>
        Report(new CheckReportView("the result", report.Issues, report.RecomputedObjectiveCny), statedCny, stdout, cancellationToken);

    /// <summary>The file's text and whether it is a logistics plan; null text after saying why it cannot be used.</summary>
    private static (string? Text, bool Logistics) ReadKind(string path, TextWriter stderr)
    {
        if (Directory.Exists(path))
        {
            stderr.WriteLine($"{path}: is a directory; give the result file written by 'supplymatch match --format json --out FILE'");
            return (null, false);
        }

        if (!File.Exists(path))
        {
            stderr.WriteLine($"{path}: result file not found");
            return (null, false);
        }

        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            stderr.WriteLine($"{path}: the file is empty; give the result written by 'supplymatch match --format json --out FILE'");
            return (null, false);
        }

        try
        {
            return (text, LogisticsJson.IsLogistics(text));
        }
        catch (JsonException ex)
        {
            NotAResult(path, ex, stderr);
            return (null, false);
        }
    }

    /// <summary>Says why a file is not a result written by <c>match --format json</c>.</summary>
    internal static void NotAResult(string path, JsonException ex, TextWriter stderr)
    {
        var where = ex.LineNumber is { } line ? $" line {line + 1}" : string.Empty;
        // The reader's message without its position suffix (the line is named above) and without .NET type names.
        var message = ex.Message.Split([" Path:", " LineNumber:"], StringSplitOptions.None)[0];
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            message = $"the value at {ex.Path ?? "$"} has the wrong type";
        }

        stderr.WriteLine($"{path}{where}: not a result written by 'supplymatch match --format json': {message}");
    }

    /// <summary>The matching result in the text, or null after saying why it cannot be used.</summary>
    private static MatchingResult? ReadResult(string path, string text, TextWriter stderr)
    {
        try
        {
            var result = MatchingJson.Deserialize(text);
            var missing = MissingParts(result);
            if (missing.Count == 0)
            {
                return result;
            }

            stderr.WriteLine($"{path}: not a complete result; missing {string.Join(", ", missing)}");
            return null;
        }
        catch (JsonException ex)
        {
            NotAResult(path, ex, stderr);
            return null;
        }
    }

    private static List<string> MissingParts(MatchingResult result)
    {
        // Deserialisation leaves absent properties null; the checker needs every part of the result.
        var parts = new (string Name, object? Value)[]
        {
            ("allocations", result.Allocations), ("unmet", result.Unmet), ("policy", result.Policy),
            ("kpis", result.Kpis), ("statistics", result.Statistics),
        };
        return parts.Where(p => p.Value is null).Select(p => p.Name).ToList();
    }
}

/// <summary>What a checker found, in the form <c>check</c> prints it.</summary>
/// <param name="What">"the result" or "the logistics plan".</param>
internal sealed record CheckReportView(string What, IReadOnlyList<CheckIssue> Issues, decimal RecomputedCny);
