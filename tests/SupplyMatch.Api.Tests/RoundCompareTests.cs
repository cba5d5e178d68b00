using System.Net;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RoundCompareTests(ApiFixture api)
{
    [Fact]
    public async Task Every_compared_kpi_is_the_figure_each_round_reports_and_its_delta_their_exact_difference()
    {
        var world = await api.NewWorldAsync();
        await (await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(kg: 1_000))).ExpectAsync(HttpStatusCode.Created);
        await (await api.Host.Client(world.BaseKeys[1]).PostJsonAsync("/api/v1/lots", world.Lot(kg: 2_000))).ExpectAsync(HttpStatusCode.Created);
        await (await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(kg: 2_900))).ExpectAsync(HttpStatusCode.Created);
        await (await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(kg: 700))).ExpectAsync(HttpStatusCode.Created);
        var plain = await SolvedAsync(null);
        var withPolicy = await SolvedAsync(new { minPurchaseCnyByProvince = new { sichuan = 10_000 }, minPovertySharePercent = 90 });

        var comparison = await (await api.Planner.GetAsync($"/api/v1/rounds/compare?base={plain}&other={withPolicy}")).ExpectAsync(HttpStatusCode.OK);
        var a = await (await api.Planner.GetAsync($"/api/v1/rounds/{plain}/kpis")).ExpectAsync(HttpStatusCode.OK);
        var b = await (await api.Planner.GetAsync($"/api/v1/rounds/{withPolicy}/kpis")).ExpectAsync(HttpStatusCode.OK);
        var kpis = comparison.GetProperty("kpis").EnumerateArray().ToList();
        Assert.Contains(kpis, k => k.GetProperty("kpi").GetString() == "policyPenaltyCny");
        foreach (var k in kpis)
        {
            var name = k.GetProperty("kpi").GetString()!;
            var (x, y) = name switch
            {
                "objectiveCny" => (a.GetProperty("objectiveCny").GetDecimal(), b.GetProperty("objectiveCny").GetDecimal()),
                "policyPenaltyCny" => (Penalties(a), Penalties(b)),
                _ => (a.GetProperty("kpis").GetProperty(name).GetDecimal(), b.GetProperty("kpis").GetProperty(name).GetDecimal()),
            };
            Assert.True((x, y, y - x) == (k.GetProperty("base").GetDecimal(), k.GetProperty("other").GetDecimal(), k.GetProperty("delta").GetDecimal()),
                $"{name}: the rounds report {x} and {y}; compare says {k.GetRawText()}");
        }

        // The targets the second round could not meet show as its penalty, part of its objective.
        Assert.Equal(0m, Penalties(a));
        Assert.True(Penalties(b) > 0m);
    }

    private static decimal Penalties(JsonElement kpis) => kpis.GetProperty("policy").EnumerateArray().Sum(p => p.GetProperty("penaltyCny").GetDecimal());

    private async Task<Guid> SolvedAsync(object? policy)
    {
        var body = new
        {
            horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"),
            horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
            settings = new { timeLimitSeconds = 10, policy },
        };
        var id = (await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());
        return id;
    }
}
