using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>
/// What a published round binds: buyers and bases read one plan (the logistics plan when the round planned whole trucks),
/// and a lot's forecast cannot fall below what that plan sold.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PublishedPlanTests(ApiFixture api)
{
    [Fact]
    public async Task A_published_logistics_round_gives_buyers_and_bases_the_same_plan_under_my_and_my_logistics()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(2_000));
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(700));
        await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_500));
        var lot = await (await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(6_000))).ExpectAsync(HttpStatusCode.Created);
        var body = new { horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
            settings = new { timeLimitSeconds = 10 }, logistics = new { enabled = true, timeLimitSeconds = 5 } };
        var id = (await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.OK);

        var basePlan = await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/my/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
        var baseTrucks = await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/my/logistics/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("logistics", basePlan.GetProperty("basis").GetString());
        Assert.True(basePlan.GetProperty("soldKg").GetInt64() > 0, "the base sells nothing: the premise of the test is gone");
        Assert.Equal(KgBy(baseTrucks.GetProperty("pickups"), "lotId"), KgBy(basePlan.GetProperty("pickups"), "lotId"));
        Assert.Equal(baseTrucks.GetProperty("kg").GetInt64(), basePlan.GetProperty("soldKg").GetInt64());
        Assert.Equal(basePlan.GetProperty("pickups").EnumerateArray().Sum(p => p.GetProperty("salesCny").GetDecimal()), basePlan.GetProperty("salesCny").GetDecimal());

        for (var b = 0; b < 2; b++)
        {
            var plan = await (await api.Host.Client(world.BuyerKeys[b]).GetAsync($"/api/v1/my/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
            var trucks = await (await api.Host.Client(world.BuyerKeys[b]).GetAsync($"/api/v1/my/logistics/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
            var lines = (await (await api.Host.Client(world.BuyerKeys[b]).GetAsync("/api/v1/demand-lines?limit=1000")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().ToList();
            Assert.NotEmpty(lines);
            Assert.Equal("logistics", plan.GetProperty("basis").GetString());
            Assert.Equal(KgBy(trucks.GetProperty("deliveries"), "lineId"), KgBy(plan.GetProperty("deliveries"), "lineId"));
            var delivered = KgBy(plan.GetProperty("deliveries"), "lineId");
            var unmet = plan.GetProperty("unmet").EnumerateArray().ToDictionary(u => u.GetProperty("lineId").GetString()!, u => u.GetProperty("unmetKg").GetInt64());
            foreach (var line in lines)
            {
                var lineId = line.GetProperty("id").GetString()!;
                Assert.Equal(line.GetProperty("quantityKg").GetInt64(), delivered.GetValueOrDefault(lineId) + unmet.GetValueOrDefault(lineId));
            }

            Assert.All(plan.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal(
                Math.Round(d.GetProperty("landedCnyPerKg").GetDecimal() * d.GetProperty("kg").GetInt32(), 2), d.GetProperty("amountCny").GetDecimal()));
        }

        var lotId = lot.GetProperty("id").GetString()!;
        var sold = KgBy(basePlan.GetProperty("pickups"), "lotId").GetValueOrDefault(lotId);
        Assert.True(sold > 0, "the lot is not sold: the premise of the test is gone");
        await (await api.Host.Client(world.BaseKeys[0]).PatchAsync($"/api/v1/lots/{lotId}", JsonContent.Create(new { quantityKg = sold - 1, firmKg = 0 }))).ExpectAsync(HttpStatusCode.Conflict, "lot_below_sold");
        Assert.Equal(6_000, (await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/lots/{lotId}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("quantityKg").GetInt32());
    }

    [Fact]
    public async Task A_lot_is_revised_down_to_what_a_published_round_sold_and_no_further_and_a_refusal_changes_nothing()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(2_000));
        var baseClient = api.Host.Client(world.BaseKeys[0]);
        var lotId = (await (await baseClient.PostJsonAsync("/api/v1/lots", world.Lot(5_000))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var id = await Rounds.CreateAsync(api.Planner, world);
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.OK);
        var plan = await (await baseClient.GetAsync($"/api/v1/my/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
        var sold = KgBy(plan.GetProperty("pickups"), "lotId").GetValueOrDefault(lotId);
        var allocated = (await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/allocations?buyerId={world.BuyerIds[0]}"))
            .Where(a => a.GetProperty("lotId").GetString() == lotId).Sum(a => a.GetProperty("kg").GetInt64());
        Assert.Equal("allocation", plan.GetProperty("basis").GetString());
        Assert.Equal(allocated, sold);
        Assert.True(sold is > 0 and < 5_000, $"sold {sold} kg: the premise of the test is gone");
        var before = await (await baseClient.GetAsync($"/api/v1/lots/{lotId}")).ExpectAsync(HttpStatusCode.OK);
        var history = await (await baseClient.GetAsync($"/api/v1/lots/{lotId}/revisions")).ExpectAsync(HttpStatusCode.OK);

        var refused = await (await baseClient.PatchAsync($"/api/v1/lots/{lotId}", JsonContent.Create(new { quantityKg = sold - 1, firmKg = 0, priceCnyPerKg = 2.5 })))
            .ExpectAsync(HttpStatusCode.Conflict, "lot_below_sold");
        Assert.Contains(sold.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await (await baseClient.GetAsync($"/api/v1/lots/{lotId}")).ExpectAsync(HttpStatusCode.OK)).GetRawText());
        Assert.Equal(history.GetRawText(), (await (await baseClient.GetAsync($"/api/v1/lots/{lotId}/revisions")).ExpectAsync(HttpStatusCode.OK)).GetRawText());

        var down = await (await baseClient.PatchAsync($"/api/v1/lots/{lotId}", JsonContent.Create(new { quantityKg = sold, firmKg = 0 }))).ExpectAsync(HttpStatusCode.OK);
        var priced = await (await baseClient.PatchAsync($"/api/v1/lots/{lotId}", JsonContent.Create(new { priceCnyPerKg = 2.5 }))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((sold, 2.5m), (priced.GetProperty("quantityKg").GetInt64(), priced.GetProperty("priceCnyPerKg").GetDecimal()));
        Assert.Equal(down.GetProperty("revision").GetInt32() + 1, priced.GetProperty("revision").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_buyers_deliveries_name_their_bases_and_a_bases_sales_their_buyers_in_chinese_and_english(bool logistics)
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(2_000));
        await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_500));
        await (await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(6_000))).ExpectAsync(HttpStatusCode.Created);
        var body = new { horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
            settings = new { timeLimitSeconds = 10 }, logistics = logistics ? new { enabled = true, timeLimitSeconds = 5 } : null };
        var id = (await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.OK);

        // Buyers and bases do not read each other's reference data: their own plan names the other side.
        await (await api.Host.Client(world.BuyerKeys[0]).GetAsync("/api/v1/bases")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Host.Client(world.BaseKeys[0]).GetAsync("/api/v1/buyers")).ExpectAsync(HttpStatusCode.Forbidden);
        var sales = (await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/my/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("pickups").EnumerateArray().ToList();
        Assert.Equal(world.BuyerIds.Order(StringComparer.Ordinal), sales.Select(p => p.GetProperty("buyerId").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(sales, p => Assert.Equal(
            ("市场" + p.GetProperty("buyerId").GetString(), "Market " + p.GetProperty("buyerId").GetString()),
            (p.GetProperty("buyerNameZh").GetString(), p.GetProperty("buyerNameEn").GetString())));
        for (var b = 0; b < 2; b++)
        {
            var deliveries = (await (await api.Host.Client(world.BuyerKeys[b]).GetAsync($"/api/v1/my/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("deliveries").EnumerateArray().ToList();
            Assert.NotEmpty(deliveries);
            Assert.All(deliveries, d => Assert.Equal(
                (world.BaseIds[0], "基地" + world.BaseIds[0], "Base " + world.BaseIds[0]),
                (d.GetProperty("baseId").GetString(), d.GetProperty("baseNameZh").GetString(), d.GetProperty("baseNameEn").GetString())));
        }
    }

    [Fact]
    public async Task A_solved_round_whose_lot_was_revised_below_its_plan_is_refused_at_publish_and_buyers_are_promised_nothing()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(2_000));
        var baseClient = api.Host.Client(world.BaseKeys[0]);
        var lotId = (await (await baseClient.PostJsonAsync("/api/v1/lots", world.Lot(5_000))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var id = await Rounds.CreateAsync(api.Planner, world);
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());
        var planned = (await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/allocations?baseId={world.BaseIds[0]}"))
            .Where(a => a.GetProperty("lotId").GetString() == lotId).Sum(a => a.GetProperty("kg").GetInt32());
        Assert.True(planned is > 100 and <= 5_000, $"planned {planned} kg: the premise of the test is gone");

        // Frost: the base revises the lot below what the round plans, before the planner publishes (nothing binds it yet).
        await (await baseClient.PatchAsync($"/api/v1/lots/{lotId}", JsonContent.Create(new { quantityKg = planned - 100, firmKg = 0 }))).ExpectAsync(HttpStatusCode.OK);
        var refused = await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.Conflict, "round_inputs_changed");
        var lot = Assert.Single(refused.GetProperty("lots").EnumerateArray());
        Assert.Equal((lotId, planned, planned - 100, false), (lot.GetProperty("lotId").GetString(), lot.GetProperty("plannedKg").GetInt32(),
            lot.GetProperty("availableKg").GetInt32(), lot.GetProperty("cancelled").GetBoolean()));
        Assert.Contains(lotId, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var round = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("solved", JsonValueKind.Null), (round.GetProperty("status").GetString(), round.GetProperty("publishedAt").ValueKind));
        await (await buyer.GetAsync($"/api/v1/my/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.NotFound, "no_published_round");

        // A new round plans with the lot as it is now, and publishes.
        var again = await Rounds.CreateAsync(api.Planner, world);
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, again)).GetProperty("status").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{again}/publish", null)).ExpectAsync(HttpStatusCode.OK);
        var delivered = await (await buyer.GetAsync($"/api/v1/my/deliveries?roundId={again}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(planned - 100, delivered.GetProperty("deliveries").EnumerateArray().Sum(d => d.GetProperty("kg").GetInt32()));
    }

    /// <summary>kg summed per value of <paramref name="key"/>.</summary>
    private static Dictionary<string, long> KgBy(JsonElement items, string key) =>
        items.EnumerateArray().GroupBy(i => i.GetProperty(key).GetString()!).ToDictionary(g => g.Key, g => g.Sum(i => i.GetProperty("kg").GetInt64()));
}
