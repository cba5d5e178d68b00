using SupplyMatch.Core.Logistics;
using Xunit.Abstractions;

namespace SupplyMatch.Core.Tests.Logistics;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch_runs()
    {
        var problem = LogisticsProblems.Random(7, 40, 60);
        var result = LogisticsPlanner.Plan(problem, new LogisticsSettings { TimeLimitSeconds = 10 });
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result.Statistics));
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result.Kpis));
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(result.Objective));
        foreach (var t in result.Timings!.Trace) output.WriteLine(t.ToString());
        Assert.True(result.ObjectiveCny > 0);
    }
}
