using System.Text.Json.Nodes;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli.Tests.Logistics;

/// <summary>One small generated scenario (with the eight reference hubs) and its logistics plan as JSON, planned once per class.</summary>
public sealed class PlanFixture : IDisposable
{
    /// <summary>Seconds each planning run of these tests may take.</summary>
    public const string TimeLimit = "3";

    private readonly TempDirectory _temp = new();

    public PlanFixture()
    {
        Scenario = _temp.Scenario("logistics", seed: 7);
        PlanFile = _temp.File("plan.json");
        Match = Cli.Run("match", Scenario, "--logistics", "--time-limit", TimeLimit, "--format", "json", "--out", PlanFile);
        Problem = ScenarioFiles.LoadDirectory(Scenario).Value!;
    }

    public string Scenario { get; }

    public string PlanFile { get; }

    /// <summary>The run that wrote <see cref="PlanFile"/>.</summary>
    internal CliRun Match { get; }

    /// <summary>The scenario as the engine reads it, for figures the tests recompute.</summary>
    public MatchingProblem Problem { get; }

    /// <summary>A fresh, editable copy of the plan's JSON.</summary>
    public JsonObject Plan() => JsonNode.Parse(File.ReadAllText(PlanFile))!.AsObject();

    /// <summary>Writes an edited plan next to the original and checks it against the scenario.</summary>
    internal CliRun Check(JsonObject plan, params string[] options)
    {
        var path = _temp.File($"edited-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, plan.ToJsonString(MatchingJson.Options));
        return Cli.Run(["check", Scenario, path, .. options]);
    }

    public void Dispose() => _temp.Dispose();
}
