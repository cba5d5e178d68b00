using System.Text.Json;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary><c>supplymatch check</c>: re-checks a result JSON against its scenario with the independent checker.</summary>
internal static class CheckCommand
{
    public const string Usage =
        "Usage: supplymatch check <scenario-dir> <result.json>\n\n"
        + "Recomputes every constraint, the objective and the KPIs of a result written by\n"
        + "'supplymatch match --format json' and compares them with what the result states.\n"
        + "Prints OK with the recomputed objective, or every issue found.\n\n"
        + "Exit: 0 the result is feasible and its figures are right; 3 it is infeasible or a figure is wrong;\n"
        + "2 the scenario or the result file cannot be read.\n\n"
        + CliApp.ExitCodeText;

    private static readonly CommandSpec Spec = new("check", [], [], 2);

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

        var problem = CliOutput.LoadScenario(parsed.Positionals[0], stderr);
        var result = ReadResult(parsed.Positionals[1], stderr);
        if (problem is null || result is null)
        {
            return ExitCodes.BadInput;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = FeasibilityChecker.Check(problem, result);
        if (report.Ok)
        {
            stdout.WriteLine($"OK: the result is feasible and its figures are right; recomputed objective {Words.Cny(report.RecomputedObjectiveCny)} (stated {Words.Cny(result.ObjectiveCny)})");
            return ExitCodes.Ok;
        }

        stdout.WriteLine($"FAILED: {report.Issues.Count} issue{(report.Issues.Count == 1 ? string.Empty : "s")}; recomputed objective {Words.Cny(report.RecomputedObjectiveCny)} (stated {Words.Cny(result.ObjectiveCny)})");
        foreach (var issue in report.Issues)
        {
            stdout.WriteLine($"  [{issue.Code}] {issue.Message.ReplaceLineEndings(" ")}");
        }

        return ExitCodes.InvalidResult;
    }

    /// <summary>The result in a file, or null after saying why it cannot be used.</summary>
    private static MatchingResult? ReadResult(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            stderr.WriteLine($"{path}: result file not found");
            return null;
        }

        try
        {
            var result = MatchingJson.Deserialize(File.ReadAllText(path));
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
            var where = ex.LineNumber is { } line ? $" line {line + 1}" : string.Empty;
            var message = ex.Message.Split(" Path:")[0];
            stderr.WriteLine($"{path}{where}: not a result written by 'supplymatch match --format json': {message}");
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
