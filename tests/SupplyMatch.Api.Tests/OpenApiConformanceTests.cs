using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>
/// The OpenAPI document tells the truth: every operation it lists is called on the demo week (a published round with
/// logistics), with the role that may call it, and its answers (successes and the documented errors) are checked against
/// the documented status, media type and schema. An endpoint added later is held to the same: the walk covers it, and fails
/// when it cannot fill one of its parameters.
/// </summary>
public sealed partial class OpenApiConformanceTests(DemoLogisticsFixture demo) : IClassFixture<DemoLogisticsFixture>
{
    /// <summary>The demo keys in the order tried: the first whose role may call an operation calls it.</summary>
    private static readonly string[] Keys = ["demo-buyer-key", "demo-base-key", "demo-planner-key", "demo-admin-key"];

    [Fact]
    public async Task Every_get_operation_answers_the_demo_week_as_its_documented_schema_says()
    {
        var (api, ids) = await PrepareAsync();
        var failures = new List<string>();
        var walked = new List<string>();
        foreach (var (path, _, operation) in api.Operations().Where(o => o.Method == "get"))
        {
            var url = await FillAsync(path, operation, ids, failures);
            if (url is null)
            {
                continue;
            }

            var response = await SendAsync(HttpMethod.Get, url, null);
            walked.Add(path);
            failures.AddRange(await api.CheckAsync(path, "get", response));
            var documented = api.ResponseSchema(path, "get", (int)response.StatusCode, "application/json");
            if (OpenApiSchema.Members(documented).Count > 0 && OpenApiSchema.Members(documented, "required").Count == 0)
            {
                failures.Add($"GET {path}: the answer's schema names no required member, so a client cannot tell which members are always sent");
            }

            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} on the demo week with only its required parameters: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Contains("/api/v1/rounds/{id}/logistics/plan", walked);
        Assert.True(walked.Count >= 50, $"only {walked.Count} GET operations walked");
    }

    [Fact]
    public async Task Every_operation_answers_its_errors_as_the_documented_problem_details()
    {
        var (api, ids) = await PrepareAsync();
        var failures = new List<string>();
        var checkedErrors = new HashSet<int>();
        foreach (var (path, method, operation) in api.Operations().Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            var url = await FillAsync(path, operation, ids, failures);
            if (url is null)
            {
                continue;
            }

            var verb = new HttpMethod(method.ToUpperInvariant());
            var jsonBody = operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _);
            var cases = new List<(HttpStatusCode Status, Func<Task<HttpResponseMessage>> Send)>
            {
                (HttpStatusCode.Unauthorized, () => demo.Host.Client(null).SendAsync(new HttpRequestMessage(verb, url))),
                (HttpStatusCode.BadRequest, () => SendAsync(verb, Misspelt(url), jsonBody ? "{}" : null)),
            };
            if (jsonBody)
            {
                cases.Add((HttpStatusCode.UnsupportedMediaType, () => SendAsync(verb, url, "{}", "text/plain")));
                cases.Add((HttpStatusCode.BadRequest, () => SendAsync(verb, url, "{\"productCode\":")));
            }

            if (method == "post")
            {
                // The same Idempotency-Key with another body (the first request refused for its misspelt parameter, so nothing is done).
                var key = Guid.NewGuid().ToString();
                var refusedUrl = Misspelt(url);
                cases.Add((HttpStatusCode.UnprocessableEntity, async () =>
                {
                    await SendAsync(verb, refusedUrl, "{}", idempotencyKey: key);
                    return await SendAsync(verb, refusedUrl, "{\"another\":1}", idempotencyKey: key);
                }));
            }

            // An id that names nothing (a body, when the operation takes one, is checked before the id is looked up).
            if (path.Contains('{', StringComparison.Ordinal) && !jsonBody && !path.StartsWith("/api/v1/round-schedules/", StringComparison.Ordinal)
                && await FillAsync(path, operation, ids, failures, unknownLast: true) is { } unknown)
            {
                cases.Add((HttpStatusCode.NotFound, () => SendAsync(verb, unknown, null)));
            }

            // A role that may not call it (a buyer's key, where the operation is not a buyer's), with a misspelt parameter so that a
            // role that may call it is refused too and nothing is done.
            var forbidden = await demo.Host.Client(Keys[0]).SendAsync(OpenApiRequests.Request(verb, Misspelt(url), jsonBody ? "{}" : null));
            if (forbidden.StatusCode == HttpStatusCode.Forbidden)
            {
                cases.Add((HttpStatusCode.Forbidden, () => Task.FromResult(forbidden)));
            }

            foreach (var (status, send) in cases)
            {
                var response = await send();
                failures.AddRange(await api.CheckAsync(path, method, response));
                if (response.StatusCode != status)
                {
                    failures.Add($"{method.ToUpperInvariant()} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}");
                }

                if ((int)response.StatusCode >= 400)
                {
                    checkedErrors.Add((int)response.StatusCode);
                    var problem = await response.JsonAsync();
                    var documented = OpenApiSchema.Members(api.ResponseSchema(path, method, (int)response.StatusCode, "application/problem+json"));
                    var expected = (int)response.StatusCode == 400 ? new[] { "code", "errors", "violations" } : ["code"];
                    if (expected.Except(documented).ToList() is { Count: > 0 } missing)
                    {
                        failures.Add($"{method.ToUpperInvariant()} {path} -> {(int)response.StatusCode}: the documented problem does not name {string.Join(", ", missing)}");
                    }

                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !problem.TryGetProperty("code", out _))
                    {
                        failures.Add($"{method.ToUpperInvariant()} {url} -> {(int)response.StatusCode}: not problem details with a code: {problem}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Subset(checkedErrors, new HashSet<int> { 400, 401, 403, 404, 415, 422 });
    }

    [Fact]
    public async Task The_request_examples_of_every_operation_sent_as_given_get_a_documented_answer_and_are_not_refused()
    {
        var (api, ids) = await PrepareAsync();
        var failures = new List<string>();
        foreach (var (path, method, operation) in api.Operations())
        {
            if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out var media)
                || !media.TryGetProperty("example", out var example))
            {
                continue;
            }

            var url = await FillAsync(path, operation, ids, failures, example);
            if (url is null)
            {
                continue;
            }

            var response = await SendAsync(new HttpMethod(method.ToUpperInvariant()), url, example.GetRawText());
            failures.AddRange(await api.CheckAsync(path, method, response));
            var answer = await response.JsonAsync();
            // A reference row of the example may already be in the demo data (409 already_exists: its PUT changes it).
            if (!response.IsSuccessStatusCode && !(response.StatusCode == HttpStatusCode.Conflict && answer.GetProperty("code").GetString() == "already_exists"))
            {
                failures.Add($"{method.ToUpperInvariant()} {url} with its example: {(int)response.StatusCode} {answer}");
            }

            if (method == "post" && response.StatusCode == HttpStatusCode.Created && Member(answer, "id") is { } created)
            {
                ids[path + "/{id}"] = created;
            }

            if (path == "/api/v1/rounds" && response.StatusCode == HttpStatusCode.Accepted)
            {
                await demo.Planner.PostAsync($"/api/v1/rounds/{answer.GetProperty("id").GetGuid()}/cancel", null);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_required_members_of_every_request_body_are_those_an_empty_body_is_refused_for()
    {
        var (api, ids) = await PrepareAsync();
        var failures = new List<string>();
        foreach (var (path, method, operation) in api.Operations())
        {
            if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out _)
                || await FillAsync(path, operation, ids, failures) is not { } url)
            {
                continue;
            }

            var response = await SendAsync(new HttpMethod(method.ToUpperInvariant()), url, "{}");
            var problem = await response.JsonAsync();
            var refused = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("violations", out var violations)
                ? violations.EnumerateArray().Where(v => v.GetProperty("rule").GetString() == "required").Select(v => v.GetProperty("field").GetString()!)
                    .Where(f => !f.Contains('.', StringComparison.Ordinal) && !f.Contains('[', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
                : [];
            var documented = api.RequiredRequestMembers(path, method).Order(StringComparer.Ordinal).ToList();
            if (!refused.SequenceEqual(documented))
            {
                failures.Add($"{method.ToUpperInvariant()} {path}: an empty body is refused for [{string.Join(", ", refused)}]; documented required [{string.Join(", ", documented)}] "
                    + $"({(int)response.StatusCode})");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The document, and the ids of the demo week that fill path parameters, with the demo round published.</summary>
    private async Task<(OpenApiSchema Api, Dictionary<string, string> Ids)> PrepareAsync()
    {
        var published = await demo.Planner.PostAsync($"/api/v1/rounds/{demo.RoundId}/publish", null);
        Assert.True(published.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, await published.Content.ReadAsStringAsync());
        var feeds = await (await demo.Planner.GetAsync("/api/v1/feeds")).ExpectAsync(HttpStatusCode.OK);
        var feed = (feeds.ValueKind == JsonValueKind.Array ? feeds : feeds.GetProperty("items")).EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).First(f => f.StartsWith("demo-", StringComparison.Ordinal));
        await (await demo.Planner.PutJsonAsync("/api/v1/round-schedules/conformance", new { cron = "0 6 * * *", horizonOffsetDays = 1, horizonDays = 3 }))
            .ExpectAsync(HttpStatusCode.OK);
        var admin = demo.Host.Client("demo-admin-key");
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { role = "planner", name = "conformance" })).ExpectAsync(HttpStatusCode.Created);
        await demo.Planner.PostAsync($"/api/v1/feeds/{feed}/pull", null);
        await Http.EventuallyAsync(async () => await (await demo.Planner.GetAsync($"/api/v1/feeds/{feed}/runs")).JsonAsync(),
            runs => runs.ValueKind == JsonValueKind.Array && runs.EnumerateArray().Any(r => r.GetProperty("finishedAt").ValueKind != JsonValueKind.Null),
            DemoLogisticsFixture.Timeout, "a finished feed run");
        var unmet = await (await demo.Planner.GetAsync($"/api/v1/rounds/{demo.RoundId}/unmet?limit=1")).ExpectAsync(HttpStatusCode.OK);
        var ids = new Dictionary<string, string>
        {
            ["/api/v1/rounds/{id}"] = demo.RoundId.ToString(),
            ["/api/v1/feeds/{id}"] = feed,
            ["/api/v1/round-schedules/{id}"] = "conformance",
            ["/api/v1/api-keys/{id}"] = key.GetProperty("id").GetString()!,
            ["/api/v1/rounds/{id}/lines/{lineId}"] = unmet.GetProperty("items")[0].GetProperty("lineId").GetString()!,
            ["?base"] = demo.PlainRoundId.ToString(),
            ["?other"] = demo.RoundId.ToString(),
            ["{format}"] = "json",
            ["/samples/buyers/{buyerId}"] = await FirstItemAsync("/api/v1/buyers", "id", _ => { }) ?? "",
            ["/samples/bases/{baseId}"] = await FirstItemAsync("/api/v1/bases", "id", _ => { }) ?? "",
        };
        var document = await (await demo.Host.Client(null).GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        return (new OpenApiSchema(document), ids);
    }

    /// <summary>
    /// The operation's URL with its path parameters filled (a known id, the id of the first item of the list its prefix
    /// names, or the example's member of that name) and its required query parameters; null (and a failure) when one
    /// cannot be filled.
    /// </summary>
    private async Task<string?> FillAsync(string path, JsonElement operation, Dictionary<string, string> ids, List<string> failures, JsonElement example = default,
        bool unknownLast = false)
    {
        var url = "";
        var template = "";
        JsonElement item = default;
        foreach (var segment in path.Split('/').Skip(1))
        {
            var filled = segment;
            template += "/" + segment;
            foreach (Match parameter in PathParameter().Matches(segment))
            {
                var name = parameter.Groups[1].Value;
                var value = unknownLast && !path[template.Length..].Contains('{', StringComparison.Ordinal)
                    ? Guid.NewGuid().ToString()
                    : ids.GetValueOrDefault(template) ?? ids.GetValueOrDefault(parameter.Value)
                    ?? Member(example, name) ?? Member(item, name) ?? await FirstItemAsync(url, name, i => item = i);
                if (value is null)
                {
                    failures.Add($"{path}: no value for path parameter {name}; give the test one");
                    return null;
                }

                filled = filled.Replace(parameter.Value, Uri.EscapeDataString(value), StringComparison.Ordinal);
            }

            url += "/" + filled;
        }

        var query = new List<string>();
        foreach (var parameter in operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            if (parameter.GetProperty("in").GetString() == "query" && parameter.TryGetProperty("required", out var required) && required.GetBoolean())
            {
                var name = parameter.GetProperty("name").GetString()!;
                if (!ids.TryGetValue("?" + name, out var value))
                {
                    failures.Add($"{path}: no value for required query parameter {name}; give the test one");
                    return null;
                }

                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return query.Count == 0 ? url : url + "?" + string.Join('&', query);
    }

    /// <summary>The member (or id, or code) of the first item of the list at the URL.</summary>
    private async Task<string?> FirstItemAsync(string listUrl, string name, Action<JsonElement> remember)
    {
        var response = await SendAsync(HttpMethod.Get, listUrl, null);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var list = await response.JsonAsync();
        var items = list.ValueKind == JsonValueKind.Object && list.TryGetProperty("items", out var paged) ? paged : list;
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            return null;
        }

        remember(items[0]);
        return Member(items[0], name) ?? Member(items[0], "id") ?? Member(items[0], "code");
    }

    private static string Misspelt(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "misspeltFilter=1";

    private static string? Member(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    /// <summary>Sends with the first demo key whose role may call the endpoint (the next key on 403).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, string mediaType = "application/json",
        string? idempotencyKey = null)
    {
        HttpResponseMessage response = null!;
        foreach (var key in Keys)
        {
            var request = OpenApiRequests.Request(method, url, body, mediaType);
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            response = await demo.Host.Client(key).SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                return response;
            }
        }

        return response;
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();

}
