using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli.Tests;

/// <summary>The committed demo week loads, solves to a checked optimum, and shows every designed unmet reason.</summary>
public sealed class DemoScenarioTests
{
    private static readonly Lazy<(MatchingProblem Problem, MatchingResult Result)> Demo = new(() =>
    {
        var loaded = ScenarioFiles.LoadDirectory(RepositoryData.Path("demo"));
        Assert.True(loaded.Ok, string.Join(Environment.NewLine, loaded.Errors));
        return (loaded.Value!, Matcher.Solve(loaded.Value!));
    });

    [Fact]
    public void Demo_week_solves_to_an_optimum_the_checker_proves()
    {
        var (problem, result) = Demo.Value;

        var report = FeasibilityChecker.Check(problem, result);

        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Issues.Select(i => $"{i.Code}: {i.Message}")));
        Assert.True(report.ProvenOptimal);
        Assert.InRange(result.Kpis.FillRateKg, 0.5, 0.99);
    }

    [Theory]
    [InlineData("LN-0001", UnmetReason.NoSupplyInWindow)]
    [InlineData("LN-0002", UnmetReason.TooExpensive)]
    [InlineData("LN-0003", UnmetReason.NotFreshEnough)]
    [InlineData("LN-0004", UnmetReason.CertificationMissing)]
    [InlineData("LN-0005", UnmetReason.GradeTooLow)]
    [InlineData("LN-0006", UnmetReason.OutCompeted)]
    public void Designed_demo_line_is_unmet_for_its_reason(string lineId, UnmetReason reason)
    {
        var unmet = Assert.Single(Demo.Value.Result.Unmet, u => u.LineId == lineId);

        Assert.Equal(reason, unmet.Reason);
        Assert.False(string.IsNullOrWhiteSpace(unmet.Explanation.Message));
        Assert.False(string.IsNullOrWhiteSpace(unmet.Explanation.MessageZh));
    }

    [Fact]
    public void Demo_week_with_policy_targets_solves_with_glop_and_passes_the_checker()
    {
        var (problem, _) = Demo.Value;
        var policy = new PolicyTargets(
            new Dictionary<Core.Domain.Province, decimal> { [Core.Domain.Province.Sichuan] = 1_500_000m, [Core.Domain.Province.Guangxi] = 2_500_000m }, 70m);
        var withPolicy = problem with { Settings = problem.Settings with { Policy = policy } };

        var result = Matcher.Solve(withPolicy);
        var report = FeasibilityChecker.Check(withPolicy, result);

        Assert.Equal("lp", result.Statistics.Solver);
        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Issues.Select(i => $"{i.Code}: {i.Message}")));
        Assert.True(result.Statistics.GapPercent < 0.01, $"gap {result.Statistics.GapPercent} %");
    }
}

/// <summary>Finds the repository's data folder from the test binaries.</summary>
internal static class RepositoryData
{
    public static string Path(string child)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "data", child);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"data/{child} not found above {AppContext.BaseDirectory}");
    }
}
