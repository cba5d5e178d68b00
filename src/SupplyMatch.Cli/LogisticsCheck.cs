using System.Text.Json;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary><c>supplymatch check</c> on a logistics plan: re-checked by <see cref="LogisticsChecker"/> with the plan's settings.</summary>
internal static class LogisticsCheck
{
    public static int Run(MatchingProblem problem, string scenario, string path, string text, LogisticsSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        LogisticsResult result;
        try
        {
            result = MatchingJson.DeserializeLogistics(text);
        }
        catch (JsonException ex)
        {
            CheckCommand.NotAResult(path, ex, stderr);
            return ExitCodes.BadInput;
        }

        var missing = LogisticsJson.MissingParts(result);
        if (missing.Count > 0)
        {
            stderr.WriteLine($"{path}: not a complete logistics plan; missing {string.Join(", ", missing)}");
            return ExitCodes.BadInput;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = LogisticsChecker.Check(problem, result, settings);
        var view = new CheckReportView(
            $"the logistics plan ({Words.Count(result.Shipments.Count, "truck")}, {Words.Count(result.Allocations.Count, "allocation")})",
            report.Issues, report.RecomputedObjectiveCny);
        var exit = CheckCommand.Report(view, result.ObjectiveCny, stdout, cancellationToken);
        var throughHubs = result.Allocations.Count(a => a.Path != PathKind.Direct);
        if (exit != ExitCodes.Ok && !settings.UseHubs && throughHubs > 0)
        {
            // The likeliest cause of a long list of wrong-hub issues: the plan was made with hubs and checked with --no-hubs.
            stderr.WriteLine($"supplymatch: checked with --no-hubs, but this plan sends {Words.Count(throughHubs, "allocation")} through a hub or a "
                + "distribution centre; a plan made without --no-hubs is checked without it");
        }

        CheckCommand.OtherProblemHint(exit, problem, result.Allocations.Select(a => (a.LotId, a.LineId)).ToList(), scenario, stderr);
        return exit;
    }
}
