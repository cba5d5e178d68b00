using System.Net;
using System.Net.Http.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ReferenceDataTests(ApiFixture api)
{
    [Fact]
    public async Task A_planner_creates_updates_and_reads_a_product_and_a_duplicate_is_a_conflict()
    {
        var code = "P-" + Guid.NewGuid().ToString("N")[..10];
        var body = new { code, nameZh = "番茄", nameEn = "Tomato", category = "fruit_veg", shelfLifeDays = 12, storage = "cool", crateKg = 15.0 };
        var created = await api.Planner.PostAsJsonAsync("/api/v1/products", body);
        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/products/{code}", created.Headers.Location!.OriginalString);
        await (await api.Planner.PostAsJsonAsync("/api/v1/products", body)).ExpectAsync(HttpStatusCode.Conflict, "already_exists");

        var updated = await api.Planner.PutAsJsonAsync($"/api/v1/products/{code}", body with { nameEn = "Tomato (vine)", crateKg = 12.5 });
        await updated.ExpectAsync(HttpStatusCode.OK);
        var read = await (await api.Planner.GetAsync($"/api/v1/products/{code}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("Tomato (vine)", 12.5m, "cool"), (read.GetProperty("nameEn").GetString(), read.GetProperty("crateKg").GetDecimal(), read.GetProperty("storage").GetString()));
        var list = await (await api.Planner.GetAsync("/api/v1/products")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("code").GetString() == code);
        await (await api.Planner.PutAsJsonAsync("/api/v1/products/P-NOPE-" + code, body with { code = "P-NOPE-" + code })).ExpectAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_buyer_in_an_unknown_city_and_a_lane_from_an_unknown_base_are_refused_field_by_field()
    {
        var world = await api.NewWorldAsync();
        var buyer = new
        {
            id = "Y-NEW-" + world.Suffix, nameZh = "新", nameEn = "New", type = "canteen", cityId = "NOWHERE", lat = 22.5, lon = 114.0,
            requiredCertifications = new[] { "organic" }, receiveFrom = "09:00", receiveTo = "08:00",
        };
        var problem = await (await api.Planner.PostAsJsonAsync("/api/v1/buyers", buyer)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("after_receive_from", problem.GetProperty("errors").GetProperty("receiveTo")[0].GetString());

        var fixedTimes = buyer with { receiveFrom = "03:00", receiveTo = "09:00" };
        problem = await (await api.Planner.PostAsJsonAsync("/api/v1/buyers", fixedTimes)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(problem.GetProperty("violations").EnumerateArray(),
            v => v.GetProperty("field").GetString() == "cityId" && v.GetProperty("rule").GetString() == "exists");

        var lane = new { originId = "B-NONE", destinationId = world.CityId, distanceKm = 100, hours = 2 };
        problem = await (await api.Planner.PostAsJsonAsync("/api/v1/lanes", lane)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("originId", Assert.Single(problem.GetProperty("violations").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_lane_is_addressed_by_origin_and_destination()
    {
        var world = await api.NewWorldAsync();
        var lane = await (await api.Planner.GetAsync($"/api/v1/lanes/{world.BaseIds[0]}/{world.CityId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1_210, lane.GetProperty("distanceKm").GetDouble());
        var changed = new { distanceKm = 1_250, hours = 18, costPerKg = 0.65 };
        var updated = await (await api.Planner.PutAsJsonAsync($"/api/v1/lanes/{world.BaseIds[0]}/{world.CityId}", changed)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1_250d, 0.65m), (updated.GetProperty("distanceKm").GetDouble(), updated.GetProperty("costPerKg").GetDecimal()));
    }

    [Fact]
    public async Task A_new_hub_base_buyer_or_city_taking_the_id_of_another_kind_of_place_is_refused_and_nothing_changes()
    {
        var world = await api.NewWorldAsync();
        var baseId = world.BaseIds[0];
        var hub = new
        {
            id = baseId, nameZh = "昆明集配中心", nameEn = "Kunming hub", kind = "originHub", region = "yunnan", lat = 25.0, lon = 102.7,
            handlingCnyPerKg = 0.1, handlingHours = 4,
        };
        var problem = await (await api.Planner.PostAsJsonAsync("/api/v1/hubs", hub)).ExpectAsync(HttpStatusCode.Conflict, "place_id_in_use");
        Assert.Contains($"'{baseId}' is already the id of a base", problem.GetProperty("detail").GetString());
        await (await api.Planner.GetAsync($"/api/v1/hubs/{baseId}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        // A distribution centre named like a buyer, a buyer named like the city, a base named like a buyer: each refused.
        var dc = hub with { id = world.BuyerIds[0], kind = "gbaDc", region = world.CityId };
        problem = await (await api.Planner.PostAsJsonAsync("/api/v1/hubs", dc)).ExpectAsync(HttpStatusCode.Conflict, "place_id_in_use");
        Assert.Contains("id of a buyer", problem.GetProperty("detail").GetString());
        var buyerBody = new
        {
            id = world.CityId, nameZh = "新", nameEn = "New", type = "canteen", cityId = world.CityId, lat = 22.5, lon = 114.0,
            requiredCertifications = Array.Empty<string>(), receiveFrom = "03:00", receiveTo = "09:00",
        };
        problem = await (await api.Planner.PostAsJsonAsync("/api/v1/buyers", buyerBody)).ExpectAsync(HttpStatusCode.Conflict, "place_id_in_use");
        Assert.Contains("id of a city", problem.GetProperty("detail").GetString());
        await (await api.Planner.GetAsync($"/api/v1/buyers/{world.CityId}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        // A hub with an id of its own is taken, and then no base may take its id.
        var ownHub = hub with { id = "OH-" + world.Suffix };
        await (await api.Planner.PostAsJsonAsync("/api/v1/hubs", ownHub)).ExpectAsync(HttpStatusCode.Created);
        var farmBody = new
        {
            id = ownHub.id, nameZh = "基地", nameEn = "Base", province = "yunnan", countyZh = "陆良县", countyEn = "Luliang", lat = 25.03, lon = 103.67,
            certifications = Array.Empty<string>(), poorHouseholds = 0, povertyCounty = false,
        };
        problem = await (await api.Planner.PostAsJsonAsync("/api/v1/bases", farmBody)).ExpectAsync(HttpStatusCode.Conflict, "place_id_in_use");
        Assert.Contains("id of an origin hub", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_put_whose_body_names_another_key_than_its_address_is_refused_rather_than_applied_to_the_address()
    {
        var world = await api.NewWorldAsync();
        var code = world.ProductCodes[0];
        var renamed = new { code = code + "-NEW", nameZh = "菜心", nameEn = "Choy sum (renamed)", category = "leafy", shelfLifeDays = 6, storage = "chilled", crateKg = 10 };
        var problem = await (await api.Planner.PutAsJsonAsync($"/api/v1/products/{code}", renamed)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
        Assert.Equal(("code", "matches_address"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
        Assert.Contains($"the address names '{code}'", violation.GetProperty("message").GetString());
        var stored = await (await api.Planner.GetAsync($"/api/v1/products/{code}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Choy sum", stored.GetProperty("nameEn").GetString());
        await (await api.Planner.GetAsync($"/api/v1/products/{code}-NEW")).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        // The same key in the body (as a read answer has it) is taken; so is a lane's, by both of its ends.
        await (await api.Planner.PutAsJsonAsync($"/api/v1/products/{code}", renamed with { code = code, nameEn = "Choy sum (2)" })).ExpectAsync(HttpStatusCode.OK);
        var lane = new { originId = world.BaseIds[1], destinationId = world.CityId, distanceKm = 900, hours = 14 };
        problem = await (await api.Planner.PutAsJsonAsync($"/api/v1/lanes/{world.BaseIds[0]}/{world.CityId}", lane)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("originId", Assert.Single(problem.GetProperty("violations").EnumerateArray()).GetProperty("field").GetString());
        var kept = await (await api.Planner.GetAsync($"/api/v1/lanes/{world.BaseIds[0]}/{world.CityId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1_210, kept.GetProperty("distanceKm").GetDouble());
    }

    [Fact]
    public async Task Every_kind_of_reference_item_read_edited_and_sent_back_as_read_is_taken()
    {
        var world = await api.NewWorldAsync();
        var hub = new
        {
            id = "OH-RT-" + world.Suffix, nameZh = "昆明集配中心", nameEn = "Kunming hub", kind = "originHub", region = "yunnan", lat = 25.0, lon = 102.7,
            handlingCnyPerKg = 0.1, handlingHours = 4,
        };
        await (await api.Planner.PostAsJsonAsync("/api/v1/hubs", hub)).ExpectAsync(HttpStatusCode.Created);
        foreach (var path in new[]
        {
            $"products/{world.ProductCodes[0]}", $"cities/{world.CityId}", $"bases/{world.BaseIds[0]}", $"buyers/{world.BuyerIds[0]}",
            $"vehicle-types/{world.VehicleId}", $"lanes/{world.BaseIds[0]}/{world.CityId}", $"hubs/{hub.id}",
        })
        {
            var read = await (await api.Planner.GetAsync($"/api/v1/{path}")).ExpectAsync(HttpStatusCode.OK);
            var body = System.Text.Json.Nodes.JsonNode.Parse(read.GetRawText())!.AsObject();
            body["nameEn"] = "Edited " + path;
            if (path.StartsWith("lanes/", StringComparison.Ordinal))
            {
                body.Remove("nameEn");
                body["distanceKm"] = 1_300;
            }

            var put = await api.Planner.SendRawAsync(HttpMethod.Put, $"/api/v1/{path}", body.ToJsonString());
            var updated = await put.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(body.ToJsonString())!.ToJsonString(),
                System.Text.Json.Nodes.JsonNode.Parse(updated.GetRawText())!.ToJsonString());
        }

        // A read-only figure that contradicts the fields it follows from, or coordinates given twice that differ, are refused.
        var farm = System.Text.Json.Nodes.JsonNode.Parse((await (await api.Planner.GetAsync($"/api/v1/bases/{world.BaseIds[1]}")).ExpectAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        farm["povertyLinked"] = true;
        farm["lat"] = 10.0;
        var problem = await (await api.Planner.SendRawAsync(HttpMethod.Put, $"/api/v1/bases/{world.BaseIds[1]}", farm.ToJsonString()))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var rules = problem.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("field").GetString(), v.GetProperty("rule").GetString())).ToList();
        Assert.Contains(("povertyLinked", "derived"), rules);
        Assert.Contains(("location", "one_form"), rules);
        var product = System.Text.Json.Nodes.JsonNode.Parse((await (await api.Planner.GetAsync($"/api/v1/products/{world.ProductCodes[1]}")).ExpectAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        product["needsColdChain"] = true;
        problem = await (await api.Planner.SendRawAsync(HttpMethod.Put, $"/api/v1/products/{world.ProductCodes[1]}", product.ToJsonString()))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
        Assert.Equal(("needsColdChain", "derived"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
    }
}
