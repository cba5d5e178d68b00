using System.Net;
using System.Net.Http.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ForecastAndIdempotencyTests(ApiFixture api)
{
    [Fact]
    public async Task A_base_posts_a_lot_revises_quantity_then_price_and_reads_the_whole_history()
    {
        var world = await api.NewWorldAsync();
        var client = api.Host.Client(world.BaseKeys[0]);
        var posted = await client.PostJsonAsync("/api/v1/lots", world.Lot(6_000));
        var lot = await posted.ExpectAsync(HttpStatusCode.Created);
        var url = posted.Headers.Location!.OriginalString;
        Assert.Equal((world.BaseIds[0], 1), (lot.GetProperty("baseId").GetString(), lot.GetProperty("revision").GetInt32()));
        await (await client.PatchAsync(url, JsonContent.Create(new { quantityKg = 5_500 }))).ExpectAsync(HttpStatusCode.OK);
        var revised = await (await client.PatchAsync(url, JsonContent.Create(new { priceCnyPerKg = 2.95 }))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((5_500, 2.95m, 3), (revised.GetProperty("quantityKg").GetInt32(), revised.GetProperty("priceCnyPerKg").GetDecimal(),
            revised.GetProperty("revision").GetInt32()));
        var history = await (await client.GetAsync(url + "/revisions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([(6_000, 3.20m), (5_500, 3.20m), (5_500, 2.95m)],
            history.EnumerateArray().Select(r => (r.GetProperty("quantityKg").GetInt32(), r.GetProperty("priceCnyPerKg").GetDecimal())).ToList());
        var firmTooHigh = await (await client.PatchAsync(url, JsonContent.Create(new { firmKg = 9_000 }))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("firmKg", firmTooHigh.GetProperty("violations")[0].GetProperty("field").GetString());
        var list = await (await client.GetAsync("/api/v1/lots")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([lot.GetProperty("id").GetString()], list.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList());
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_replays_the_first_response_and_creates_nothing_twice()
    {
        var world = await api.NewWorldAsync();
        var client = api.Host.Client(world.BuyerKeys[0]);
        var key = Guid.NewGuid().ToString();
        var first = await client.PostJsonAsync("/api/v1/demand-lines", world.Line(700), key);
        var second = await client.PostJsonAsync("/api/v1/demand-lines", world.Line(700), key);
        var a = await first.ExpectAsync(HttpStatusCode.Created);
        var b = await second.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var lines = await (await client.GetAsync("/api/v1/demand-lines")).JsonAsync();
        Assert.Equal(1, lines.GetProperty("items").GetArrayLength());

        await (await client.PostJsonAsync("/api/v1/demand-lines", world.Line(800), key)).ExpectAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        var otherBuyer = await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(800), key);
        Assert.NotEqual(a.GetProperty("id").GetString(), (await otherBuyer.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_retried_batch_is_stored_once_and_a_refused_request_can_be_retried_with_its_key_after_fixing_nothing_else()
    {
        var world = await api.NewWorldAsync();
        var client = api.Host.Client(world.BuyerKeys[0]);
        var key = Guid.NewGuid().ToString();
        var batch = new { lines = Enumerable.Range(0, 50).Select(i => world.Line(100 + i)).ToList() };
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostJsonAsync("/api/v1/demand-lines/batch", batch, key)));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var lines = await (await client.GetAsync("/api/v1/demand-lines?limit=1000")).JsonAsync();
        Assert.Equal(50, lines.GetProperty("items").GetArrayLength());
        var replay = await (await client.PostJsonAsync("/api/v1/demand-lines/batch", batch, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(50, replay.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Every_write_is_in_the_audit_log_with_the_key_that_made_it()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var line = await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line())).JsonAsync();
        var id = line.GetProperty("id").GetString();
        await buyer.DeleteAsync($"/api/v1/demand-lines/{id}");
        var audit = await (await api.Planner.GetAsync($"/api/v1/audit?entity=demand_line&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        var entries = audit.EnumerateArray().ToList();
        Assert.Equal(["cancel", "submit"], entries.Select(e => e.GetProperty("action").GetString()).ToList());
        Assert.All(entries, e => Assert.Equal((world.BuyerIds[0], "buyer"), (e.GetProperty("actorOwnerId").GetString(), e.GetProperty("actorRole").GetString())));
        var product = await (await api.Planner.GetAsync($"/api/v1/audit?entity=product&entityId={world.ProductCodes[0]}")).JsonAsync();
        Assert.Equal("planner", Assert.Single(product.EnumerateArray()).GetProperty("actorRole").GetString());
    }
}
