using System.Text.Json.Nodes;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli.Tests;

/// <summary>
/// The engine end to end through the command line: match, check, MPS export. These need Matcher.Solve,
/// Matcher.ExportMps and FeasibilityChecker.Check.
/// </summary>
public sealed class MatchAndCheckTests
{
    [Fact]
    public void Match_prints_kpis_unmet_reasons_and_solver_statistics()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();

        var run = Cli.Run("match", scenario);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var lines = run.Out.ReplaceLineEndings("\n").Split('\n');
        foreach (var section in new[] { "Fill rate", "Cost", "Poverty alleviation", "Unmet demand by reason", "Solver" })
        {
            Assert.Contains(lines, line => line.StartsWith(section, StringComparison.Ordinal));
        }

        Assert.Contains("Matching round: 40 lots, 60 lines", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_without_demand_prints_a_dash_for_every_per_kg_ratio()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var lines = Path.Combine(scenario, "lines.csv");
        File.WriteAllLines(lines, File.ReadLines(lines).Take(1).ToList());

        var run = Cli.Run("match", scenario);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var rows = run.Out.ReplaceLineEndings("\n").Split('\n');
        foreach (var label in new[] { "  transport ", "  landed " })
        {
            var row = rows.Single(r => r.StartsWith(label, StringComparison.Ordinal));
            Assert.EndsWith("CNY 0.00   -", row, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("per kg", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_json_parses_and_two_runs_give_identical_bytes()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();

        var first = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("a.json"));
        var second = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("b.json"));

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Empty(first.Out);
        var bytes = File.ReadAllBytes(temp.File("a.json"));
        Assert.Equal(bytes, File.ReadAllBytes(temp.File("b.json")));
        var result = MatchingJson.Deserialize(File.ReadAllText(temp.File("a.json")));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(60, result.Kpis.Lines);
        Assert.Equal(result.Kpis.DemandKg, result.Kpis.AllocatedKg + result.Unmet.Sum(u => (long)u.UnmetKg));
    }

    [Fact]
    public void Match_json_on_stdout_equals_the_file_written_with_out()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();

        var toStdout = Cli.Run("match", scenario, "--format", "json");
        var toFile = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("r.json"));

        Assert.True(toStdout.ExitCode == ExitCodes.Ok, toStdout.ToString());
        Assert.Equal(ExitCodes.Ok, toFile.ExitCode);
        Assert.Equal(toStdout.Out, File.ReadAllText(temp.File("r.json")));
    }

    [Fact]
    public void Check_accepts_the_result_match_produced()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var match = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("result.json"));
        Assert.True(match.ExitCode == ExitCodes.Ok, match.ToString());

        var check = Cli.Run("check", scenario, temp.File("result.json"));

        Assert.True(check.ExitCode == ExitCodes.Ok, check.ToString());
        Assert.StartsWith("OK", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_exits_3_when_an_allocation_takes_more_than_its_lot_holds()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var match = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("result.json"));
        Assert.True(match.ExitCode == ExitCodes.Ok, match.ToString());
        var lots = ScenarioFiles.LoadDirectory(scenario).Value!.Lots.ToDictionary(l => l.Id);
        var json = JsonNode.Parse(File.ReadAllText(temp.File("result.json")))!;
        var allocation = json["allocations"]!.AsArray()[0]!;
        allocation["kg"] = lots[allocation["lotId"]!.GetValue<string>()].QuantityKg + 1;
        File.WriteAllText(temp.File("tampered.json"), json.ToJsonString());

        var check = Cli.Run("check", scenario, temp.File("tampered.json"));

        Assert.Equal(ExitCodes.InvalidResult, check.ExitCode);
        Assert.StartsWith("FAILED", check.Out, StringComparison.Ordinal);
        Assert.Contains("  [", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_and_lp_reach_the_same_objective()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario(seed: 8);

        var flow = Cli.Run("match", scenario, "--format", "json", "--solver", "flow");
        var lp = Cli.Run("match", scenario, "--format", "json", "--solver", "lp");

        Assert.True(flow.ExitCode == ExitCodes.Ok, flow.ToString());
        Assert.True(lp.ExitCode == ExitCodes.Ok, lp.ToString());
        var (a, b) = (MatchingJson.Deserialize(flow.Out), MatchingJson.Deserialize(lp.Out));
        Assert.Equal(("flow", "lp"), (a.Statistics.Solver, b.Statistics.Solver));
        Assert.Equal(a.ObjectiveCny, b.ObjectiveCny);
    }

    [Fact]
    public void Export_mps_writes_rows_columns_and_rhs_with_one_column_per_arc_and_unmet_variable()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var mps = temp.File("model.mps");

        var run = Cli.Run("match", scenario, "--format", "json", "--export-mps", mps);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var result = MatchingJson.Deserialize(run.Out);
        var sections = ReadMpsSections(File.ReadAllLines(mps));
        Assert.Contains("ROWS", sections.Keys);
        Assert.Contains("COLUMNS", sections.Keys);
        Assert.Contains("RHS", sections.Keys);
        var columns = sections["COLUMNS"]
            .Where(line => !line.Contains("MARKER", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
            .Distinct()
            .Count();
        Assert.Equal(result.Statistics.Arcs + result.Statistics.Lines, columns);
    }

    /// <summary>Free MPS: section names start in column 1, their entries are indented.</summary>
    private static Dictionary<string, List<string>> ReadMpsSections(string[] lines)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in lines.Where(l => l.Length > 0 && !l.StartsWith('*')))
        {
            if (!char.IsWhiteSpace(line[0]))
            {
                current = sections[line.Split(' ')[0]] = [];
            }
            else
            {
                current?.Add(line);
            }
        }

        return sections;
    }
}
