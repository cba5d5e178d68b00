using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PolicyTargetTests(ApiFixture api)
{
    [Fact]
    public async Task The_largest_policy_targets_and_penalties_accepted_solve_and_their_outcomes_match_the_allocations()
    {
        var id = await SolvedRoundAsync(new
        {
            timeLimitSeconds = 10,
            policy = new
            {
                minPurchaseCnyByProvince = new { yunnan = 100_000_000_000m, guizhou = 1_000m },
                minPovertySharePercent = 100, provincePenaltyPerCny = 100, povertySharePenaltyCnyPerKg = 1_000,
            },
        });

        // Every outcome recomputed from the round's own allocations and the bases it planned with.
        var result = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/result")).ExpectAsync(HttpStatusCode.OK);
        var bases = await PlannedBasesAsync(id);
        var allocations = result.GetProperty("allocations").EnumerateArray().ToList();
        decimal Bought(string province) => allocations.Where(a => bases[a.GetProperty("baseId").GetString()!].Province == province)
            .Sum(a => a.GetProperty("exFarmCnyPerKg").GetDecimal() * a.GetProperty("kg").GetInt32());
        var allocated = allocations.Sum(a => (long)a.GetProperty("kg").GetInt32());
        var linked = allocations.Where(a => bases[a.GetProperty("baseId").GetString()!].Linked).Sum(a => (long)a.GetProperty("kg").GetInt32());

        var kpis = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/kpis")).ExpectAsync(HttpStatusCode.OK);
        var outcomes = kpis.GetProperty("policy").EnumerateArray().ToDictionary(o => o.GetProperty("target").GetString()!);
        Assert.Equal(3, outcomes.Count);
        foreach (var (province, target, rate) in new[] { ("yunnan", 100_000_000_000m, 100m), ("guizhou", 1_000m, 100m) })
        {
            var o = outcomes[$"province:{province}"];
            var shortfall = Math.Max(0m, target - Bought(province));
            Assert.Equal((Bought(province), shortfall, rate * shortfall),
                (o.GetProperty("achieved").GetDecimal(), o.GetProperty("shortfall").GetDecimal(), o.GetProperty("penaltyCny").GetDecimal()));
        }

        var share = outcomes["poverty-share"];
        Assert.Equal((allocated, (decimal)linked, 1_000m * (allocated - linked)),
            ((long)share.GetProperty("required").GetDecimal(), share.GetProperty("achieved").GetDecimal(), share.GetProperty("penaltyCny").GetDecimal()));
    }

    [Fact]
    public async Task A_round_planned_with_whole_trucks_reports_its_policy_targets_as_the_truck_plan_meets_them()
    {
        var id = await SolvedRoundAsync(
            new { timeLimitSeconds = 10, policy = new { minPurchaseCnyByProvince = new { guizhou = 1_000_000m }, minPovertySharePercent = 100 } },
            new { enabled = true, timeLimitSeconds = 5 });

        // Recomputed from the truck plan's own allocations and the bases the round planned with.
        var plan = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/logistics/plan")).ExpectAsync(HttpStatusCode.OK);
        var bases = await PlannedBasesAsync(id);
        var allocations = plan.GetProperty("allocations").EnumerateArray().ToList();
        Assert.NotEmpty(allocations);
        var guizhou = allocations.Where(a => bases[a.GetProperty("baseId").GetString()!].Province == "guizhou")
            .Sum(a => a.GetProperty("exFarmCnyPerKg").GetDecimal() * a.GetProperty("kg").GetInt32());
        var linked = allocations.Where(a => bases[a.GetProperty("baseId").GetString()!].Linked).Sum(a => (long)a.GetProperty("kg").GetInt32());

        var summary = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/logistics")).ExpectAsync(HttpStatusCode.OK);
        var outcomes = summary.GetProperty("policy").EnumerateArray().ToDictionary(o => o.GetProperty("target").GetString()!);
        Assert.Equal(["poverty-share", "province:guizhou"], outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((guizhou, Math.Max(0, 1_000_000m - guizhou)),
            (outcomes["province:guizhou"].GetProperty("achieved").GetDecimal(), outcomes["province:guizhou"].GetProperty("shortfall").GetDecimal()));
        Assert.Equal((decimal)linked, outcomes["poverty-share"].GetProperty("achieved").GetDecimal());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plan.GetProperty("policy")), System.Text.Json.JsonSerializer.Serialize(summary.GetProperty("policy")));
    }

    [Theory]
    [InlineData("""{"minPurchaseCnyByProvince":{"yunnan":1e25}}""", "settings.policy.minPurchaseCnyByProvince")]
    [InlineData("""{"minPovertySharePercent":90,"povertySharePenaltyCnyPerKg":1e20}""", "settings.policy.povertySharePenaltyCnyPerKg")]
    [InlineData("""{"minPurchaseCnyByProvince":{"guizhou":1000},"provincePenaltyPerCny":100.01}""", "settings.policy.provincePenaltyPerCny")]
    public async Task A_policy_target_or_penalty_beyond_its_range_is_refused_before_a_round_is_created(string policy, string field)
    {
        var day = World.Today.AddDays(1).ToString("yyyy-MM-dd");
        var body = $$$"""{"horizonFrom":"{{{day}}}","horizonTo":"{{{day}}}","settings":{"policy":{{{policy}}}}}""";
        var problem = await (await api.Planner.SendRawAsync(HttpMethod.Post, "/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(problem.GetProperty("violations").EnumerateArray(),
            v => v.GetProperty("field").GetString() == field && v.GetProperty("rule").GetString() == "range");

        // The same settings in a schedule are refused the same way.
        var schedule = $$$"""{"cron":"0 6 * * *","horizonOffsetDays":1,"horizonDays":3,"settings":{"policy":{{{policy}}}}}""";
        problem = await (await api.Planner.SendRawAsync(HttpMethod.Put, "/api/v1/round-schedules/policy-" + Guid.NewGuid().ToString("N")[..8], schedule))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(problem.GetProperty("violations").EnumerateArray(), v => v.GetProperty("field").GetString() == field);
    }

    /// <summary>A round over a new world's lot and line with these settings (and logistics), solved.</summary>
    private async Task<Guid> SolvedRoundAsync(object settings, object? logistics = null)
    {
        var world = await api.NewWorldAsync();
        await (await api.Host.Client(world.BaseKeys[1]).PostJsonAsync("/api/v1/lots", world.Lot())).ExpectAsync(HttpStatusCode.Created);
        await (await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line())).ExpectAsync(HttpStatusCode.Created);
        var body = new
        {
            horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"), settings, logistics,
        };
        var id = (await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.True(round.GetProperty("status").GetString() == "solved", round.GetRawText());
        return id;
    }

    /// <summary>The province and poverty linkage of each base, as the round's snapshot holds them.</summary>
    private async Task<Dictionary<string, (string Province, bool Linked)>> PlannedBasesAsync(Guid id)
    {
        var snapshot = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/snapshot")).ExpectAsync(HttpStatusCode.OK);
        return snapshot.GetProperty("reference").GetProperty("bases").EnumerateArray()
            .ToDictionary(b => b.GetProperty("id").GetString()!, b => (b.GetProperty("province").GetString()!, b.GetProperty("povertyLinked").GetBoolean()));
    }
}
