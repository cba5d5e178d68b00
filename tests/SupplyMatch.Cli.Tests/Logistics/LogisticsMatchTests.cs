using System.Globalization;
using System.Text.Json.Nodes;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli.Tests.Logistics;

/// <summary><c>match --logistics</c>: the table, the JSON plan and the direct-only option, on real short solves.</summary>
public sealed class LogisticsMatchTests(PlanFixture fixture) : IClassFixture<PlanFixture>
{
    private static long Figure(string output, string label)
    {
        var row = output.ReplaceLineEndings("\n").Split('\n').First(l => l.StartsWith("  " + label + " ", StringComparison.Ordinal));
        var cell = row[(2 + label.Length)..].TrimStart().Split("   ")[0].Split(' ')[0];
        return long.Parse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Table_shows_objective_bounds_kpis_shipments_and_unmet_lines()
    {
        var run = Cli.Run("match", fixture.Scenario, "--logistics", "--time-limit", PlanFixture.TimeLimit);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var lines = run.Out.ReplaceLineEndings("\n").Split('\n');
        foreach (var section in new[] { "Objective", "Solver", "Logistics KPIs", "Shipments by vehicle type", "Shipments by lane kind", "Top lanes by cost", "Unmet lines by reason" })
        {
            Assert.Contains(lines, line => line.StartsWith(section, StringComparison.Ordinal));
        }

        Assert.StartsWith("Logistics plan: 40 lots, 60 lines, 8 hubs;", run.Out, StringComparison.Ordinal);
        foreach (var label in new[] { "best bound", "LP bound", "average fill", "ton-km", "transport cost", "CO2" })
        {
            Assert.Contains(label, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_scenario_and_options_give_the_same_json_plan_run_after_run()
    {
        var first = Path.Combine(Path.GetDirectoryName(fixture.PlanFile)!, "again-1.json");
        var second = Path.Combine(Path.GetDirectoryName(fixture.PlanFile)!, "again-2.json");

        var runs = new[] { first, second }.Select(path => Cli.Run("match", fixture.Scenario, "--logistics", "--time-limit", "60", "--format", "json", "--out", path)).ToArray();

        Assert.All(runs, run => Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString()));
        var plan = JsonNode.Parse(File.ReadAllText(first))!.AsObject();
        Assert.False(plan["statistics"]!["clockLimited"]!.GetValue<bool>());
        Assert.True(plan["statistics"]!["workUnits"]!.GetValue<long>() > 0);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Table_truck_count_equals_the_trucks_by_vehicle_type_and_by_lane_kind()
    {
        var run = Cli.Run("match", fixture.Scenario, "--logistics", "--time-limit", PlanFixture.TimeLimit);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var trucks = Figure(run.Out, "trucks");
        var text = run.Out.ReplaceLineEndings("\n");
        var byType = text[text.IndexOf("Shipments by vehicle type", StringComparison.Ordinal)..text.IndexOf("Shipments by lane kind", StringComparison.Ordinal)];
        var byKind = text[text.IndexOf("Shipments by lane kind", StringComparison.Ordinal)..text.IndexOf("Top lanes", StringComparison.Ordinal)];
        Assert.True(trucks > 0, run.ToString());
        Assert.Equal(trucks, SumOfTrucks(byType));
        Assert.Equal(trucks, SumOfTrucks(byKind));
    }

    private static long SumOfTrucks(string section) =>
        section.Split('\n').Select(l => l.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 1 && (cells[1].EndsWith(" truck", StringComparison.Ordinal) || cells[1].EndsWith(" trucks", StringComparison.Ordinal)))
            .Sum(cells => long.Parse(cells[1].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

    [Fact]
    public void Json_plan_is_camel_case_with_string_enums_and_its_figures_add_up()
    {
        Assert.True(fixture.Match.ExitCode == ExitCodes.Ok, fixture.Match.ToString());
        Assert.Contains("supplymatch: wrote", fixture.Match.Err, StringComparison.Ordinal);
        var text = File.ReadAllText(fixture.PlanFile);
        var node = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["status", "objectiveCny", "objective", "allocations", "shipments"], node.Select(p => p.Key).Take(5));
        Assert.Contains(node["status"]!.GetValue<string>(), new[] { "optimal", "feasible" });

        var plan = JsonSerializerRead(text);
        Assert.Equal(plan.Kpis.Trucks, plan.Shipments.Count);
        Assert.Equal(plan.Kpis.AllocatedKg, plan.Allocations.Sum(a => (long)a.Kg));
        Assert.Equal(plan.Objective.TotalCny, plan.ObjectiveCny);
        Assert.Equal(plan.Allocations.Sum(a => (long)a.Kg), plan.Shipments.Sum(s => (long)s.LoadKg));
        Assert.All(plan.Shipments, s => Assert.True(s.LoadKg <= s.CapacityKg, s.Id));
    }

    [Fact]
    public void Json_plan_reads_back_and_writes_the_same_bytes()
    {
        var text = File.ReadAllText(fixture.PlanFile);

        var again = MatchingJson.Serialize(JsonSerializerRead(text)) + "\n";

        Assert.Equal(text, again);
    }

    [Fact]
    public void No_hubs_plans_direct_trucks_only_and_checks_clean_with_the_same_option()
    {
        using var temp = new TempDirectory();
        var path = temp.File("direct.json");
        var match = Cli.Run("match", fixture.Scenario, "--logistics", "--no-hubs", "--no-routes", "--time-limit", PlanFixture.TimeLimit, "--format", "json", "--out", path);
        Assert.True(match.ExitCode == ExitCodes.Ok, match.ToString());
        var plan = JsonSerializerRead(File.ReadAllText(path));
        var hubIds = fixture.Problem.Reference.Hubs.Select(h => h.Id).ToHashSet();

        var check = Cli.Run("check", fixture.Scenario, path, "--no-hubs");

        Assert.True(check.ExitCode == ExitCodes.Ok, check.ToString());
        Assert.NotEmpty(plan.Shipments);
        Assert.All(plan.Allocations, a => Assert.Equal(PathKind.Direct, a.Path));
        Assert.All(plan.Shipments, s => Assert.False(hubIds.Contains(s.OriginId) || hubIds.Contains(s.DestinationId), s.Id));
        Assert.Empty(plan.DeliveryRuns);
    }

    [Fact]
    public void Delivery_routes_are_summarised_when_the_plan_has_them()
    {
        var plan = JsonSerializerRead(File.ReadAllText(fixture.PlanFile));
        var start = new DateTimeOffset(2026, 9, 15, 22, 0, 0, TimeSpan.Zero);
        var stop = new RouteStop(1, "GZ-A", 1_500, 1_000, ["LN-1"], start.AddHours(1), start.AddHours(1), start.AddHours(1.5), 12.5);
        var route = new DeliveryRoute("R1", "DC-GZ", new DateOnly(2026, 9, 16), "R042", true, 2_500, 1_500, 60, 25, start, start.AddHours(2), 400m, 9.5, [stop]);
        var unrouted = new UnroutedDelivery("DC-GZ", new DateOnly(2026, 9, 16), "GZ-B", 9_000, ["LN-2"], Core.Routing.UnroutedReason.Capacity, "9,000 kg is more than any city vehicle carries");
        var routed = plan with { Routes = [route], UnroutedDeliveries = [unrouted], Routing = new RoutingKpis(1, 1, 1, 1_500, 1, 9_000, 25, 400m, 60, 9.5, 350m) };

        var without = LogisticsReport.Render(fixture.Problem, plan with { Routes = [], UnroutedDeliveries = [], Routing = null });
        var with = LogisticsReport.Render(fixture.Problem, routed);

        Assert.DoesNotContain("Delivery routes from distribution centres", without, StringComparison.Ordinal);
        Assert.Contains("Delivery routes from distribution centres", with, StringComparison.Ordinal);
        Assert.Contains("1 route, 1 stop", with, StringComparison.Ordinal);
        Assert.Contains("planned at the per-kg tariff CNY 350.00", with, StringComparison.Ordinal);
        Assert.Matches(@"unrouted: capacity\s+9,000 kg\s+1 stop", with);
        Assert.Contains("DC-GZ 2026-09-16 -> GZ-B: 9,000 kg, capacity: 9,000 kg is more than any city vehicle carries", with, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_row_adds_the_delivery_routing_after_the_plan_to_its_phases()
    {
        var plan = JsonSerializerRead(File.ReadAllText(fixture.PlanFile));
        var timings = new LogisticsTimings(100, 200, 300, 400, 500, 1_500 + 4_000, []) { RoutingMs = 4_000 };

        var routed = LogisticsReport.Render(fixture.Problem, plan with { Timings = timings });
        var unrouted = LogisticsReport.Render(fixture.Problem, plan with { Timings = timings with { RoutingMs = 0, TotalMs = 1_500 } });

        Assert.Matches(@"\n  time\s+5,500\.0 ms\s+candidates 100\.0, LP 200\.0, start 300\.0, bound 400\.0, search 500\.0, delivery routes 4,000\.0 ms", routed.ReplaceLineEndings("\n"));
        Assert.Matches(@"\n  time\s+1,500\.0 ms\s+candidates 100\.0, LP 200\.0, start 300\.0, bound 400\.0, search 500\.0 ms", unrouted.ReplaceLineEndings("\n"));
    }

    private static LogisticsResult JsonSerializerRead(string text) =>
        System.Text.Json.JsonSerializer.Deserialize<LogisticsResult>(text, MatchingJson.Options)!;
}
