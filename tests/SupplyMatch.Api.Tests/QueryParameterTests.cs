using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>A query parameter an endpoint does not take is refused (400, field and rule), never silently ignored.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryParameterTests(ApiFixture api)
{
    [Theory]
    [InlineData("/api/v1/rounds/{round}/allocations?after=2", "after", "baseId, buyerId, day, limit, offset, productCode")]
    [InlineData("/api/v1/rounds/{round}/allocations?buyerid=Y1&limt=5", "limt", "baseId, buyerId, day, limit, offset, productCode")]
    [InlineData("/api/v1/demand-lines?offset=2", "offset", "after, buyerId, limit, status")]
    [InlineData("/api/v1/rounds?limit=10&offset=10", "offset", "limit, status")]
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
}
