using System.Net;
using System.Net.Http.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DemandTests(ApiFixture api)
{
    [Fact]
    public async Task A_buyer_submits_a_line_for_itself_and_reads_it_back_from_the_location()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var created = await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(1_500));
        var line = await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((world.BuyerIds[0], 1_500, "open", 1), (line.GetProperty("buyerId").GetString(), line.GetProperty("quantityKg").GetInt32(),
            line.GetProperty("status").GetString(), line.GetProperty("version").GetInt32()));
        var read = await (await buyer.GetAsync(created.Headers.Location)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(line.GetProperty("id").GetString(), read.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_lines_is_accepted_whole_and_listed_in_pages()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var lines = Enumerable.Range(1, 10_000).Select(i => world.Line(100 + i)).ToList();
        var accepted = await (await buyer.PostJsonAsync("/api/v1/demand-lines/batch", new { lines })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(10_000, accepted.GetProperty("count").GetInt32());
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = await (await buyer.GetAsync($"/api/v1/demand-lines?limit=1000{(after is null ? "" : "&after=" + after)}")).ExpectAsync(HttpStatusCode.OK);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()!));
            after = page.GetProperty("nextAfter").GetString();
        }
        while (after is not null);
        Assert.Equal(accepted.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task A_batch_over_ten_thousand_lines_is_refused_with_413_and_nothing_is_stored()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var lines = Enumerable.Range(0, 10_001).Select(_ => world.Line()).ToList();
        await (await buyer.PostJsonAsync("/api/v1/demand-lines/batch", new { lines })).ExpectAsync(HttpStatusCode.RequestEntityTooLarge, "batch_too_large");
        var page = await (await buyer.GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task One_bad_line_rejects_the_whole_batch_and_names_its_index_and_field()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var bad = world.Line();
        bad["quantityKg"] = 0;
        bad["latest"] = World.Today.AddDays(-3).ToString("yyyy-MM-dd");
        var problem = await (await buyer.PostJsonAsync("/api/v1/demand-lines/batch", new { lines = new[] { world.Line(), bad } }))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("field").GetString(), v.GetProperty("rule").GetString())).ToList();
        Assert.Contains(("lines[1].quantityKg", "range"), fields);
        Assert.Contains(("lines[1].latest", "not_before_earliest"), fields);
        Assert.DoesNotContain(fields, f => f.Item1!.StartsWith("lines[0]", StringComparison.Ordinal));
        Assert.Equal(0, (await (await buyer.GetAsync("/api/v1/demand-lines")).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_refused_field_says_its_limits_in_chinese_as_well_where_the_service_has_them()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var bad = world.Line();
        bad["quantityKg"] = 0;
        bad["earliest"] = "2100-01-05";
        bad["latest"] = "2100-01-03";
        var problem = await (await buyer.PostJsonAsync("/api/v1/demand-lines", bad)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var violations = problem.GetProperty("violations").EnumerateArray()
            .ToDictionary(v => (v.GetProperty("field").GetString()!, v.GetProperty("rule").GetString()!), v => v);
        string? Zh(string field, string rule) => violations[(field, rule)].TryGetProperty("messageZh", out var zh) ? zh.GetString() : null;
        Assert.Equal("must be between 1 and 10000000.", violations[("quantityKg", "range")].GetProperty("message").GetString());
        Assert.Equal("必须在 1 至 10000000 之间。", Zh("quantityKg", "range"));
        Assert.Equal("必须在 2000-01-01 至 2099-12-31 之间。", Zh("earliest", "date_range"));
        Assert.Equal("必须在 2000-01-01 至 2099-12-31 之间。", Zh("latest", "date_range"));
        // A rule the service words in English only leaves messageZh out (clients say it by its rule).
        Assert.Null(Zh("latest", "not_before_earliest"));
        Assert.Equal(0, (await (await buyer.GetAsync("/api/v1/demand-lines")).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_line_is_changed_and_cancelled_before_a_round_and_frozen_after_the_round_snapshots_it()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var line = await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(1_000))).ExpectAsync(HttpStatusCode.Created);
        var id = line.GetProperty("id").GetString();
        var changed = await (await buyer.PutAsJsonAsync($"/api/v1/demand-lines/{id}", world.Line(1_200))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1_200, 2), (changed.GetProperty("quantityKg").GetInt32(), changed.GetProperty("version").GetInt32()));

        var other = await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(900))).ExpectAsync(HttpStatusCode.Created);
        var cancelled = await (await buyer.DeleteAsync($"/api/v1/demand-lines/{other.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await (await buyer.PutAsJsonAsync($"/api/v1/demand-lines/{other.GetProperty("id").GetString()}", world.Line())).ExpectAsync(HttpStatusCode.Conflict, "line_cancelled");

        await (await api.HeldPlanner.PostJsonAsync("/api/v1/rounds", world.Round())).ExpectAsync(HttpStatusCode.Accepted);
        await (await buyer.PutAsJsonAsync($"/api/v1/demand-lines/{id}", world.Line(1_300))).ExpectAsync(HttpStatusCode.Conflict, "line_after_cutoff");
        await (await buyer.DeleteAsync($"/api/v1/demand-lines/{id}")).ExpectAsync(HttpStatusCode.Conflict, "line_after_cutoff");
        var kept = await (await buyer.GetAsync($"/api/v1/demand-lines/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1_200, "open"), (kept.GetProperty("quantityKg").GetInt32(), kept.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_planner_submits_for_a_named_buyer_and_a_buyer_cannot_submit_for_another()
    {
        var world = await api.NewWorldAsync();
        var byPlanner = await (await api.Planner.PostJsonAsync("/api/v1/demand-lines", world.Line(buyerId: world.BuyerIds[1]))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(world.BuyerIds[1], byPlanner.GetProperty("buyerId").GetString());
        var withoutBuyer = await (await api.Planner.PostJsonAsync("/api/v1/demand-lines", world.Line())).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("buyerId", withoutBuyer.GetProperty("violations")[0].GetProperty("field").GetString());
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var forOther = await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(buyerId: world.BuyerIds[1]))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("own_buyer", forOther.GetProperty("violations")[0].GetProperty("rule").GetString());
    }
}
