using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary><c>supplymatch match --logistics</c>: plans whole trucks and prints the plan (table) or writes it (JSON).</summary>
internal static class LogisticsMatch
{
    public static int Run(MatchingProblem problem, LogisticsSettings settings, MatchOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var result = LogisticsPlanner.Plan(problem, settings, cancellationToken);
        var text = options.Json ? MatchingJson.Serialize(result) + "\n" : LogisticsReport.Render(problem, result);
        if (options.OutFile is { } outPath)
        {
            if (!CliOutput.TryWriteFile(outPath, text, stderr))
            {
                return ExitCodes.BadInput;
            }

            stderr.WriteLine($"supplymatch: wrote {outPath} (status {Words.Of(result.Status)}, {Words.Count(result.Shipments.Count, "truck")}, {Words.Count(result.Allocations.Count, "allocation")})");
        }
        else
        {
            stdout.Write(text);
        }

        if (result.Status is SolveStatus.Optimal or SolveStatus.Feasible)
        {
            return ExitCodes.Ok;
        }

        stderr.WriteLine($"supplymatch: the logistics plan ended without a plan (status {Words.Of(result.Status)})");
        return ExitCodes.InvalidResult;
    }
}
