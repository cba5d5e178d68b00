using System.Globalization;
using System.Text.Json.Nodes;

namespace SupplyMatch.Cli.Tests.Logistics;

/// <summary><c>check</c> on logistics plans: the planner's own plan passes, each kind of tampering fails with its issue.</summary>
public sealed class LogisticsCheckTests(PlanFixture fixture) : IClassFixture<PlanFixture>
{
    [Fact]
    public void The_plan_written_by_match_logistics_checks_clean_with_exit_0()
    {
        Assert.True(fixture.Match.ExitCode == ExitCodes.Ok, fixture.Match.ToString());

        var check = Cli.Run("check", fixture.Scenario, fixture.PlanFile);

        Assert.True(check.ExitCode == ExitCodes.Ok, check.ToString());
        Assert.StartsWith("OK: the logistics plan", check.Out, StringComparison.Ordinal);
        var stated = fixture.Plan()["objectiveCny"]!.GetValue<decimal>();
        Assert.Contains($"recomputed objective {Words.Cny(stated)} (stated {Words.Cny(stated)})", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_options_the_plan_was_made_with_are_accepted_by_check()
    {
        var check = Cli.Run("check", fixture.Scenario, fixture.PlanFile, "--logistics", "--time-limit", PlanFixture.TimeLimit, "--workers", "2", "--mip", "scip");

        Assert.True(check.ExitCode == ExitCodes.Ok, check.ToString());
    }

    [Fact]
    public void A_truck_loaded_over_its_capacity_fails_with_over_capacity()
    {
        var plan = fixture.Plan();
        var truck = plan["shipments"]![0]!.AsObject();
        var capacity = truck["capacityKg"]!.GetValue<int>();
        var load = truck["loads"]![0]!.AsObject();
        load["kg"] = load["kg"]!.GetValue<int>() + capacity;
        truck["loadKg"] = truck["loadKg"]!.GetValue<int>() + capacity;

        var check = fixture.Check(plan);

        Assert.Equal(ExitCodes.InvalidResult, check.ExitCode);
        Assert.StartsWith("FAILED", check.Out, StringComparison.Ordinal);
        Assert.Contains($"[over-capacity] Shipment {truck["id"]}:", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_objective_fails_with_objective_mismatch_and_the_recomputed_figure()
    {
        var plan = fixture.Plan();
        var stated = plan["objectiveCny"]!.GetValue<decimal>();
        plan["objectiveCny"] = stated - 1000m;

        var check = fixture.Check(plan);

        Assert.Equal(ExitCodes.InvalidResult, check.ExitCode);
        Assert.Contains($"recomputed objective {Words.Cny(stated)} (stated {Words.Cny(stated - 1000m)})", check.Out, StringComparison.Ordinal);
        Assert.Contains($"  [objective-mismatch] Objective {Words.Cny(stated - 1000m)} stated, {Words.Cny(stated)} recomputed.", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chilled_goods_moved_to_a_non_refrigerated_truck_fail_with_cold_chain()
    {
        var plan = fixture.Plan();
        var truck = plan["shipments"]!.AsArray().Select(s => s!.AsObject()).FirstOrDefault(s => s["storageClass"]!.GetValue<string>() != "ambient");
        Assert.True(truck is not null, "the plan carries no cold goods to tamper with");
        var ambient = fixture.Problem.Reference.VehicleTypes.Where(v => !v.Refrigerated).MaxBy(v => v.CapacityKg)!;
        truck["vehicleTypeId"] = ambient.Id;
        truck["refrigerated"] = false;

        var check = fixture.Check(plan);

        Assert.Equal(ExitCodes.InvalidResult, check.ExitCode);
        var line = check.Out.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(l => l.StartsWith($"  [cold-chain] Shipment {truck["id"]}:", StringComparison.Ordinal));
        Assert.True(line is not null, check.ToString());
        Assert.EndsWith($"goods on a non-refrigerated {ambient.Id}.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_issue_is_listed_and_counted()
    {
        var plan = fixture.Plan();
        plan["objectiveCny"] = plan["objectiveCny"]!.GetValue<decimal>() + 1m;
        var trucks = plan["kpis"]!["trucks"]!.GetValue<int>();
        plan["kpis"]!["trucks"] = trucks + 1;

        var check = fixture.Check(plan);

        Assert.Equal(ExitCodes.InvalidResult, check.ExitCode);
        var issues = check.Out.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("  [", StringComparison.Ordinal)).ToList();
        Assert.Contains(issues, l => l.StartsWith("  [objective-mismatch]", StringComparison.Ordinal));
        Assert.Contains(issues, l => l.StartsWith("  [kpi-mismatch] Truck count", StringComparison.Ordinal));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"FAILED: {issues.Count} issues;"), check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_through_hubs_fails_when_checked_as_direct_only()
    {
        var plan = fixture.Plan();
        var viaHubs = plan["allocations"]!.AsArray().Count(a => a!["path"]!.GetValue<string>() != "direct");
        Assert.True(viaHubs > 0, "the plan sends nothing through a hub");

        var check = fixture.Check(plan, "--no-hubs");

        Assert.Equal(ExitCodes.InvalidResult, check.ExitCode);
        Assert.Contains("[wrong-hub]", check.Out, StringComparison.Ordinal);
        Assert.Contains($"checked with --no-hubs, but this plan sends {Words.Count(viaHubs, "allocation")} through a hub or a distribution centre", check.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("--no-hubs", fixture.Check(fixture.Plan()).Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_file_missing_its_statistics_is_bad_input()
    {
        var plan = fixture.Plan();
        plan.Remove("statistics");

        var check = fixture.Check(plan);

        Assert.Equal(ExitCodes.BadInput, check.ExitCode);
        Assert.Contains("not a complete logistics plan; missing statistics", check.Err, StringComparison.Ordinal);
    }
}
