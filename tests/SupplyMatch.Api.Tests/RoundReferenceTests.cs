using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RoundReferenceTests(ApiFixture api)
{
    [Fact]
    public async Task A_round_keeps_the_reference_data_it_planned_with_when_a_base_and_a_product_are_edited_later()
    {
        var world = await api.NewWorldAsync();
        var baseId = world.BaseIds[0];
        var baseBody = await (await api.Planner.GetAsync($"/api/v1/bases/{baseId}")).ExpectAsync(HttpStatusCode.OK);
        var lot = world.Lot(baseId: baseId);
        await (await api.Planner.PostJsonAsync("/api/v1/lots", lot)).ExpectAsync(HttpStatusCode.Created);
        await (await api.Planner.PostJsonAsync("/api/v1/demand-lines", world.Line(buyerId: world.BuyerIds[0]))).ExpectAsync(HttpStatusCode.Created);
        var roundId = await Rounds.CreateAsync(api.Planner, world);
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, roundId)).GetProperty("status").GetString());

        // The base moves to Sichuan under a new name, the product is renamed: the live reference data changes.
        var moved = new
        {
            nameZh = "新基地", nameEn = "Renamed base", province = "sichuan", countyZh = "郫都区", countyEn = "Pidu", lat = 30.8, lon = 103.9,
            certifications = new[] { "gba_basket" }, poorHouseholds = 0, povertyCounty = false,
        };
        await (await api.Planner.PutJsonAsync($"/api/v1/bases/{baseId}", moved)).ExpectAsync(HttpStatusCode.OK);
        var product = new { nameZh = "菜心（新）", nameEn = "Choy sum (new)", category = "leafy", shelfLifeDays = 4, storage = "chilled", crateKg = 8 };
        await (await api.Planner.PutJsonAsync($"/api/v1/products/{world.ProductCodes[0]}", product)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("sichuan", (await (await api.Planner.GetAsync($"/api/v1/bases/{baseId}")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("province").GetString());

        // The round still names and places them as it planned with them.
        var reference = await (await api.Planner.GetAsync($"/api/v1/rounds/{roundId}/reference")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(roundId, reference.GetProperty("roundId").GetGuid());
        var planned = Assert.Single(reference.GetProperty("bases").EnumerateArray(), b => b.GetProperty("id").GetString() == baseId);
        Assert.Equal(("yunnan", baseBody.GetProperty("nameEn").GetString(), 320, true),
            (planned.GetProperty("province").GetString(), planned.GetProperty("nameEn").GetString(),
                planned.GetProperty("poorHouseholds").GetInt32(), planned.GetProperty("povertyCounty").GetBoolean()));
        var plannedProduct = Assert.Single(reference.GetProperty("products").EnumerateArray(),
            p => p.GetProperty("code").GetString() == world.ProductCodes[0]);
        Assert.Equal(("Choy sum", 6), (plannedProduct.GetProperty("nameEn").GetString(), plannedProduct.GetProperty("shelfLifeDays").GetInt32()));
        Assert.Contains(reference.GetProperty("buyers").EnumerateArray(), b => b.GetProperty("id").GetString() == world.BuyerIds[0]);
        Assert.Contains(reference.GetProperty("cities").EnumerateArray(), c => c.GetProperty("id").GetString() == world.CityId);
        Assert.Contains(reference.GetProperty("vehicleTypes").EnumerateArray(), t => t.GetProperty("id").GetString() == world.VehicleId);
        Assert.Contains(reference.GetProperty("lanes").EnumerateArray(), l => l.GetProperty("originId").GetString() == baseId);

        await (await api.Planner.GetAsync($"/api/v1/rounds/{Guid.NewGuid()}/reference")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync($"/api/v1/rounds/{roundId}/reference")).StatusCode);
    }
}
