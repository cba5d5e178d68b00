using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>A query parameter an endpoint does not take is refused (400, field and rule), never silently ignored.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryParameterTests(ApiFixture api, EmbeddedApiFixture embedded) : IClassFixture<EmbeddedApiFixture>
{
    [Theory]
    [InlineData("/api/v1/rounds/{round}/allocations?after=2", "after", "baseId, buyerId, day, limit, offset, productCode")]
    [InlineData("/api/v1/rounds/{round}/allocations?buyerid=Y1&limt=5", "limt", "baseId, buyerId, day, limit, offset, productCode")]
    [InlineData("/api/v1/demand-lines?offset=2", "offset", "after, buyerId, limit, status")]
    [InlineData("/api/v1/rounds?limit=10&offset=10", "offset", "before, limit, status")]
    [InlineData("/api/v1/rounds/{round}?verbose=true", "verbose", "it takes no query parameters")]
    public async Task An_unknown_query_parameter_is_refused_and_the_answer_names_what_the_endpoint_takes(string url, string field, string takes)
    {
        var round = (await api.SharedAsync()).RoundId;
        var problem = await (await api.Planner.GetAsync(url.Replace("{round}", round.ToString(), StringComparison.Ordinal)))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");

        var violations = problem.GetProperty("violations").EnumerateArray().ToList();
        var violation = Assert.Single(violations, v => v.GetProperty("field").GetString() == field);
        Assert.Equal("unknown_parameter", violation.GetProperty("rule").GetString());
        Assert.All(violations, v => Assert.Equal("unknown_parameter", v.GetProperty("rule").GetString()));
        Assert.Contains(takes, violation.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/rounds/{round}/allocations?day=3000-01-01")]
    [InlineData("/api/v1/rounds/{round}/shipments?day=1999-12-31")]
    [InlineData("/api/v1/rounds/{round}/routes?day=2100-01-01")]
    public async Task A_day_filter_outside_the_calendar_is_refused_as_in_bodies(string url)
    {
        var round = (await api.SharedAsync()).RoundId;
        var problem = await (await api.Planner.GetAsync(url.Replace("{round}", round.ToString(), StringComparison.Ordinal)))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");

        var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
        Assert.Equal(("day", "date_range"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
        await (await api.Planner.GetAsync($"/api/v1/rounds/{round}/allocations?day=2050-01-01")).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
    }

    [Theory]
    [InlineData("/api/v1/rounds/{round}/allocations?buyerId=", "buyerId", "validation_failed")]
    [InlineData("/api/v1/rounds/{round}/allocations?productCode=%20&day=2026-06-01", "productCode", "validation_failed")]
    [InlineData("/api/v1/demand-lines?status=", "status", "validation_failed")]
    [InlineData("/api/v1/rounds/{round}/allocations?limit=", "limit", "malformed_request")]
    [InlineData("/api/v1/rounds?before=", "before", "malformed_request")]
    public async Task A_query_parameter_without_a_value_is_refused_rather_than_read_as_a_filter_on_nothing_or_as_absent(string url, string field, string code)
    {
        var round = (await api.SharedAsync()).RoundId;
        var problem = await (await api.Planner.GetAsync(url.Replace("{round}", round.ToString(), StringComparison.Ordinal)))
            .ExpectAsync(HttpStatusCode.BadRequest, code);

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        if (code == "validation_failed")
        {
            var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
            Assert.Equal((field, "not_empty"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
        }
    }

    [Fact]
    public async Task Known_parameters_in_any_case_are_taken_and_a_write_with_an_unknown_one_changes_nothing()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(900))).ExpectAsync(HttpStatusCode.Created);
        var before = await (await buyer.GetAsync("/api/v1/demand-lines?LIMIT=1000")).ExpectAsync(HttpStatusCode.OK);

        await (await buyer.PostJsonAsync("/api/v1/demand-lines?dryRun=true", world.Line(700))).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var after = await (await buyer.GetAsync("/api/v1/demand-lines?limit=1000")).ExpectAsync(HttpStatusCode.OK);

        Assert.Single(before.GetProperty("items").EnumerateArray());
        Assert.Equal(before.GetProperty("items").GetRawText(), after.GetProperty("items").GetRawText());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("embedded")]
    public async Task A_paging_cursor_that_names_no_item_of_the_list_is_refused_alike_for_every_kind_of_stranger_id(string store)
    {
        var (host, planner) = store == "postgres" ? (api.Host, api.Planner) : (embedded.Host, embedded.Planner);
        var world = await host.NewWorldAsync(planner);
        var buyer = host.Client(world.BuyerKeys[0]);
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lines.Add((await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line(500 + i))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }

        var otherLine = (await (await host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(400))).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var lot = (await (await host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot())).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var first = await (await buyer.GetAsync("/api/v1/demand-lines?limit=2")).ExpectAsync(HttpStatusCode.OK);
        var next = first.GetProperty("nextAfter").GetString();
        var second = await (await buyer.GetAsync($"/api/v1/demand-lines?limit=2&after={next}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(lines.Order(StringComparer.Ordinal), first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(l => l.GetProperty("id").GetString()!));

        // The nextAfter of an offset-paged list, another buyer's line, a lot, an id never given: one answer, naming none of them.
        var details = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stranger in new[] { "100", otherLine, lot, "DL-none" })
        {
            var problem = await (await buyer.GetAsync($"/api/v1/demand-lines?after={stranger}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
            var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
            Assert.Equal(("after", "cursor"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
            details.Add(problem.GetProperty("errors").GetRawText());
        }

        Assert.Single(details);
        await (await planner.GetAsync($"/api/v1/demand-lines?buyerId={world.BuyerIds[0]}&after={otherLine}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await planner.GetAsync($"/api/v1/demand-lines?buyerId={world.BuyerIds[1]}&after={otherLine}")).ExpectAsync(HttpStatusCode.OK);
        var baseKey = host.Client(world.BaseKeys[0]);
        await (await baseKey.GetAsync($"/api/v1/lots?after={lines[0]}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await host.Client(world.BaseKeys[1]).GetAsync($"/api/v1/lots?after={lot}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var lots = await (await baseKey.GetAsync($"/api/v1/lots?after={lot}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(lots.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("embedded")]
    public async Task Rounds_page_with_before_through_the_whole_list_and_a_round_that_does_not_exist_is_refused_as_a_cursor(string store)
    {
        var (host, planner) = store == "postgres" ? (api.Host, api.Planner) : (embedded.Host, embedded.Planner);
        var world = await host.NewWorldAsync(planner);
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await (await planner.PostJsonAsync("/api/v1/rounds", world.Round())).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid());
        }

        var paged = new List<Guid>();
        var url = "/api/v1/rounds?limit=2";
        while (true)
        {
            var page = (await (await planner.GetAsync(url)).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
            Assert.True(page.Count <= 2);
            Assert.DoesNotContain(page, paged.Contains);
            paged.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            url = $"/api/v1/rounds?limit=2&before={page[^1]}";
        }

        // The pages together are the whole list in its order (a round created meanwhile by another job can only head it).
        var whole = (await (await planner.GetAsync("/api/v1/rounds?limit=1000")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(whole.SkipWhile(id => !paged.Contains(id)), paged);
        Assert.True(paged.Count >= 3);
        Assert.Equal(Enumerable.Reverse(created), paged.Where(created.Contains));

        var problem = await (await planner.GetAsync($"/api/v1/rounds?before={Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
        Assert.Equal(("before", "cursor"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
    }
}
