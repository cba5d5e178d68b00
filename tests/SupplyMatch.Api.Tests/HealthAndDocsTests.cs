using System.Net;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HealthAndDocsTests(ApiFixture api)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_a_key_and_readiness_reports_the_database_and_job_servers()
    {
        var live = await (await api.Anonymous.GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        var ready = await (await api.Anonymous.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Postgres", ready.GetProperty("database").GetString());
        Assert.True(ready.GetProperty("jobServers").GetInt32() >= 1);
    }

    [Fact]
    public async Task Swagger_documents_every_operation_with_a_summary_its_errors_and_the_api_key_scheme()
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("apiKey", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("type").GetString());
        var operations = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Op: o.Value)))
            .ToList();
        Assert.True(operations.Count >= 50, $"only {operations.Count} operations documented");
        foreach (var (path, method, op) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            var responses = op.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("500", out _), $"{method} {path} lacks error responses");
            Assert.Contains(responses.EnumerateObject(), r => r.Name.StartsWith('2'));
            if (method is "post" or "put" && op.TryGetProperty("requestBody", out var body))
            {
                foreach (var media in body.GetProperty("content").EnumerateObject())
                {
                    Assert.True(media.Value.TryGetProperty("schema", out _), $"{method} {path} has no request schema for {media.Name}");
                }
            }
        }

        var submit = doc.GetProperty("paths").GetProperty("/api/v1/demand-lines").GetProperty("post");
        var jsonBodies = operations.Where(o => o.Op.TryGetProperty("requestBody", out var b) && b.GetProperty("content").TryGetProperty("application/json", out _)).ToList();
        Assert.NotEmpty(jsonBodies);
        Assert.All(jsonBodies, o => Assert.True(o.Op.GetProperty("responses").TryGetProperty("415", out _), $"{o.Method} {o.Path} does not document 415"));
        Assert.Equal("P-CHOYSUM", submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("example").GetProperty("productCode").GetString());
        Assert.Contains(submit.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(submit.GetProperty("responses").TryGetProperty("400", out _));
        var createRound = doc.GetProperty("paths").GetProperty("/api/v1/rounds").GetProperty("post");
        Assert.Equal(World.Today.ToString("yyyy-MM-dd"), createRound.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("example").GetProperty("earliestShipDay").GetString());
        Assert.Contains("earliestShipDay", createRound.GetProperty("description").GetString(), StringComparison.Ordinal);
        var ui = await api.Anonymous.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task The_request_examples_in_swagger_sent_as_given_on_the_demo_data_are_accepted_on_any_day()
    {
        _ = api;
        await using var demo = new ApiHost(null, "swagger-examples", runServer: false, seed: true, demoKeys: true, queue: "swagger-examples");
        var doc = await (await demo.Client(null).GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        var refused = new List<string>();
        foreach (var (path, key) in new[]
        {
            ("/api/v1/demand-lines", "demo-buyer-key"), ("/api/v1/demand-lines/batch", "demo-buyer-key"), ("/api/v1/lots", "demo-base-key"),
            ("/api/v1/rounds", "demo-planner-key"),
        })
        {
            var example = doc.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content")
                .GetProperty("application/json").GetProperty("example").GetRawText();

            var response = await demo.Client(key).SendRawAsync(HttpMethod.Post, path, example);

            if (!response.IsSuccessStatusCode)
            {
                refused.Add($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(refused);
    }

    [Fact]
    public async Task Every_operation_with_a_typed_query_parameter_documents_the_400_a_wrong_value_gets()
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);

        var undocumented = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Operation: $"{o.Name} {p.Name}", Op: o.Value)))
            .Where(o => o.Op.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(q =>
                q.GetProperty("in").GetString() == "query" && q.GetProperty("schema").TryGetProperty("format", out _)))
            .Where(o => !o.Op.GetProperty("responses").TryGetProperty("400", out _))
            .Select(o => o.Operation);

        Assert.Empty(undocumented);
    }

    [Fact]
    public async Task Swagger_describes_the_fields_of_a_request_body_from_the_api_and_the_engine_types()
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        var schemas = doc.GetProperty("components").GetProperty("schemas");

        var round = schemas.GetProperty("Api.Endpoints.CreateRoundBody").GetProperty("properties");
        var settings = schemas.GetProperty("Core.Matching.MatchingSettings").GetProperty("properties");

        Assert.Contains("First day (CST) a truck may leave", Description(round, "earliestShipDay"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Description(settings, "timeLimitSeconds")));
        Assert.False(string.IsNullOrWhiteSpace(Description(settings, "povertyBonusCnyPerKg")));
    }

    [Theory]
    [InlineData("Api.Endpoints.DemandLineView", "maxLandedCnyPerKg", false)]
    [InlineData("Api.Endpoints.LotView", "priceCnyPerKg", false)]
    [InlineData("Api.Endpoints.DemandLineView", "maxLandedCnyPerKg", true)]
    public async Task Money_is_documented_as_decimal_not_as_a_binary_double(string schema, string member, bool request)
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var properties = request
            ? schemas.GetProperty("Api.Endpoints.DemandLineBody").GetProperty("properties")
            : schemas.GetProperty(schema).GetProperty("properties");

        var money = properties.GetProperty(member);

        Assert.Equal("number", money.GetProperty("type").GetString());
        Assert.Equal("decimal", money.GetProperty("format").GetString());
    }

    private static string Description(JsonElement properties, string name) =>
        properties.GetProperty(name).TryGetProperty("description", out var description) ? description.GetString() ?? "" : "";

    [Theory]
    [InlineData("/samples/buyers/{buyerId}/lines.{format}")]
    [InlineData("/samples/bases/{baseId}/lots.{format}")]
    public async Task Swagger_documents_the_file_a_sample_feed_answers_with_next_to_its_400_and_404(string path)
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);

        var responses = doc.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses");

        Assert.Equal(["200", "304", "400", "404"], responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["application/json", "text/csv"],
            responses.GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_for_planners_only()
    {
        var shared = await api.SharedAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.Planner.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Host.Client(shared.World.BuyerKeys[0]).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Nul_characters_in_a_query_or_a_json_field_get_a_400_problem_not_a_500()
    {
        var shared = await api.SharedAsync();
        var buyer = api.Host.Client(shared.World.BuyerKeys[0]);
        await (await buyer.GetAsync("/api/v1/demand-lines?after=%00x")).ExpectAsync(HttpStatusCode.BadRequest, "malformed_request");
        var line = shared.World.Line();
        line["productCode"] = "P\u0000X";
        var raw = JsonSerializer.Serialize(line);
        var problem = await (await buyer.SendRawAsync(HttpMethod.Post, "/api/v1/demand-lines", raw)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("no_control_characters", problem.GetProperty("errors").GetProperty("productCode")[0].GetString(), StringComparison.Ordinal);
        var lot = shared.World.Lot();
        lot["productCode"] = "P\u0000X";
        raw = JsonSerializer.Serialize(lot);
        await (await api.Host.Client(shared.World.BaseKeys[0]).SendRawAsync(HttpMethod.Post, "/api/v1/lots", raw)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
