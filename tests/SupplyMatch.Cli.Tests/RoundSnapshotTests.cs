using System.Text.Json.Nodes;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli.Tests;

/// <summary>
/// A round's snapshot as the service serves it (GET /api/v1/rounds/{id}/snapshot, the JSON of <see cref="ProblemJson"/>) read
/// by check and match in place of a scenario directory, so that a planner can verify a round's result
/// (GET /api/v1/rounds/{id}/result) with the independent checker.
/// </summary>
public sealed class RoundSnapshotTests
{
    private static string Snapshot(TempDirectory temp, string scenario)
    {
        var loaded = ScenarioFiles.LoadDirectory(scenario);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var path = temp.File("snapshot.json");
        File.WriteAllText(path, ProblemJson.Serialize(loaded.Value!));
        return path;
    }

    [Fact]
    public void Check_reads_a_round_snapshot_in_place_of_the_scenario_directory_and_finds_a_tampered_result()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var snapshot = Snapshot(temp, scenario);
        var solved = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("result.json"));
        Assert.True(solved.ExitCode == ExitCodes.Ok, solved.ToString());

        var ok = Cli.Run("check", snapshot, temp.File("result.json"));

        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.ToString());
        Assert.StartsWith("OK: the result is feasible and its figures are right", ok.Out, StringComparison.Ordinal);
        var tampered = JsonNode.Parse(File.ReadAllText(temp.File("result.json")))!;
        var first = tampered["allocations"]![0]!;
        first["kg"] = first["kg"]!.GetValue<int>() + 1;
        File.WriteAllText(temp.File("tampered.json"), tampered.ToJsonString());
        var bad = Cli.Run("check", snapshot, temp.File("tampered.json"));
        Assert.True(bad.ExitCode == ExitCodes.InvalidResult, bad.ToString());
        Assert.StartsWith("FAILED:", bad.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_on_a_round_snapshot_gives_the_bytes_it_gives_on_the_scenario_and_never_overwrites_the_snapshot()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario(seed: 8);
        var snapshot = Snapshot(temp, scenario);

        var onDirectory = Cli.Run("match", scenario, "--format", "json");
        var onSnapshot = Cli.Run("match", snapshot, "--format", "json");
        var overwrite = Cli.Run("match", snapshot, "--format", "json", "--out", snapshot);

        Assert.True(onSnapshot.ExitCode == ExitCodes.Ok, onSnapshot.ToString());
        Assert.Equal(onDirectory.Out, onSnapshot.Out);
        Assert.True(overwrite.ExitCode == ExitCodes.BadInput, overwrite.ToString());
        Assert.Contains("would overwrite the round snapshot", overwrite.Err, StringComparison.Ordinal);
        Assert.Equal(ProblemJson.Serialize(ScenarioFiles.LoadDirectory(scenario).Value!), File.ReadAllText(snapshot));
    }

    [Fact]
    public void A_file_that_is_not_a_round_snapshot_is_bad_input_with_the_reason()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        Assert.Equal(ExitCodes.Ok, Cli.Run("match", scenario, "--format", "json", "--out", temp.File("result.json")).ExitCode);
        File.WriteAllText(temp.File("notes.json"), "{\"lots\": 3");

        var run = Cli.Run("check", temp.File("notes.json"), temp.File("result.json"));

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("is neither a scenario directory nor a round snapshot", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_whose_allocations_name_none_of_the_scenarios_lots_or_lines_is_refused_with_the_likeliest_cause()
    {
        // A round's result names the service's ids (DL-..., HL-...): checked against the files the round's data came from.
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var loaded = ScenarioFiles.LoadDirectory(scenario).Value!;
        var renamed = loaded with
        {
            Lots = loaded.Lots.Select(l => l with { Id = "HL-" + l.Id }).ToList(),
            Lines = loaded.Lines.Select(l => l with { Id = "DL-" + l.Id }).ToList(),
        };
        File.WriteAllText(temp.File("snapshot.json"), ProblemJson.Serialize(renamed));
        Assert.Equal(ExitCodes.Ok, Cli.Run("match", temp.File("snapshot.json"), "--format", "json", "--out", temp.File("result.json")).ExitCode);
        Assert.Equal(ExitCodes.Ok, Cli.Run("match", temp.File("snapshot.json"), "--logistics", "--time-limit", "2", "--no-routes", "--format", "json",
            "--out", temp.File("plan.json")).ExitCode);

        var onFiles = Cli.Run("check", scenario, temp.File("result.json"));
        var planOnFiles = Cli.Run("check", scenario, temp.File("plan.json"), "--no-routes");
        var onSnapshot = Cli.Run("check", temp.File("snapshot.json"), temp.File("result.json"));

        Assert.True(onFiles.ExitCode == ExitCodes.InvalidResult, onFiles.ToString());
        Assert.Contains($"names a lot or a line of {scenario}: the result was made for another problem", onFiles.Err, StringComparison.Ordinal);
        Assert.Contains("checked against its own snapshot (GET /api/v1/rounds/{id}/snapshot)", onFiles.Err, StringComparison.Ordinal);
        Assert.True(planOnFiles.ExitCode == ExitCodes.InvalidResult, planOnFiles.ToString());
        Assert.Contains("the result was made for another problem", planOnFiles.Err, StringComparison.Ordinal);
        Assert.True(onSnapshot.ExitCode == ExitCodes.Ok, onSnapshot.ToString());
        Assert.DoesNotContain("another problem", onSnapshot.Err, StringComparison.Ordinal);
    }
}
