using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>Bad input on every endpoint: the answer is a problem with a stable code (and the field and rule), never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    private const string V = "validation_failed";
    private const string M = "malformed_request";
    private const string Timestamp = "an ISO-8601 timestamp with its offset, e.g. 2026-06-01T22:00:00Z or 2026-06-02T06:00:00+08:00";

    /// <summary>method, path, role, raw body, status, code, field (or null), rule (or null).</summary>
    public static TheoryData<string, string, string, string?, int, string, string?, string?> Cases => new()
    {
        { "POST", "/api/v1/products", "planner", "{", 400, M, null, null },
        { "POST", "/api/v1/products", "planner", "[]", 400, M, null, null },
        { "POST", "/api/v1/products", "planner", "", 400, M, null, null },
        { "POST", "/api/v1/products", "planner", """{"code":"X","shelfLifeDays":"abc"}""", 400, M, "$.shelfLifeDays", null },
        { "POST", "/api/v1/products", "planner", """{"code":"X","storage":"frozen"}""", 400, M, "$.storage", null },
        { "POST", "/api/v1/products", "planner", """{"code":"X"}""", 400, V, "nameZh", "required" },
        { "POST", "/api/v1/products", "planner", Product("shelfLifeDays", "0"), 400, V, "shelfLifeDays", "range" },
        { "POST", "/api/v1/products", "planner", Product("crateKg", "1.234"), 400, V, "crateKg", "cny_precision" },
        { "POST", "/api/v1/products", "planner", Product("code", "\"a b\""), 400, V, "code", "id_format" },
        { "POST", "/api/v1/products", "planner", Product("category", "\"meat\""), 400, V, "category", "one_of" },
        { "PUT", "/api/v1/products/{product}", "planner", "{", 400, M, null, null },
        { "PUT", "/api/v1/products/{product}", "planner", Product("nameEn", "\"\""), 400, V, "nameEn", "required" },
        { "POST", "/api/v1/cities", "planner", """{"id":"X1","nameZh":"深圳","nameEn":"Shenzhen","lat":91,"lon":114}""", 400, V, "lat", "range" },
        { "POST", "/api/v1/bases", "planner", """{"id":"B1","province":"tibet"}""", 400, M, "$.province", null },
        { "POST", "/api/v1/bases", "planner", Base("certifications", "[\"iso9001\"]"), 400, V, "certifications", "one_of" },
        { "POST", "/api/v1/bases", "planner", Base("poorHouseholds", "-1"), 400, V, "poorHouseholds", "range" },
        { "POST", "/api/v1/buyers", "planner", """{"id":"Y1","type":"restaurant"}""", 400, M, "$.type", null },
        { "POST", "/api/v1/buyers", "planner", """{"id":"Y1","receiveFrom":"25:00"}""", 400, M, "$.receiveFrom", null },
        { "POST", "/api/v1/vehicle-types", "planner", """{"id":"V1","nameZh":"车","nameEn":"Truck","capacityKg":-1,"refrigerated":true,"costPerKm":1,"fixedCost":1,"speedKmh":50}""", 400, V, "capacityKg", "range" },
        { "POST", "/api/v1/lanes", "planner", """{"originId":"{base}","destinationId":"{city}","distanceKm":0,"hours":1}""", 400, V, "distanceKm", "range" },
        { "PUT", "/api/v1/lanes/{base}/{city}", "planner", """{"distanceKm":10,"hours":1,"costPerKg":-1}""", 400, V, "costPerKg", "range" },
        { "POST", "/api/v1/demand-lines", "buyer", "{\"quantityKg\": 1e99}", 400, M, "$.quantityKg", null },
        { "POST", "/api/v1/demand-lines", "buyer", Line("quantityKg", "\"100\""), 400, M, "$.quantityKg", null },
        { "POST", "/api/v1/lots", "base", """{"quantityKg":"5000"}""", 400, M, "$.quantityKg", null },
        { "POST", "/api/v1/demand-lines", "buyer", Line("quantityKg", "0"), 400, V, "quantityKg", "range" },
        { "POST", "/api/v1/demand-lines", "buyer", Line("minGrade", "null"), 400, V, "minGrade", "required" },
        { "POST", "/api/v1/demand-lines", "buyer", Line("minGrade", "\"best\""), 400, M, "$.minGrade", null },
        { "POST", "/api/v1/demand-lines", "buyer", Line("earliest", "\"2026-13-01\""), 400, M, "$.earliest", null },
        { "POST", "/api/v1/demand-lines", "buyer", Line("maxLandedCnyPerKg", "1.001"), 400, V, "maxLandedCnyPerKg", "cny_precision" },
        { "POST", "/api/v1/demand-lines", "buyer", Line("minFreshnessPercent", "101"), 400, V, "minFreshnessPercent", "range" },
        { "POST", "/api/v1/demand-lines", "buyer", Line("priority", "6"), 400, V, "priority", "range" },
        { "POST", "/api/v1/demand-lines", "buyer", Line("productCode", "\"P-UNKNOWN\""), 400, V, "productCode", "exists" },
        { "POST", "/api/v1/demand-lines", "buyer", Line("latest", "\"2099-01-01\""), 400, V, "latest", "window_max_60_days" },
        { "POST", "/api/v1/demand-lines", "buyer", Replace(Line("earliest", "\"9999-12-30\""), "latest", "\"9999-12-31\""), 400, V, "earliest", "date_range" },
        { "POST", "/api/v1/demand-lines", "buyer", Replace(Line("earliest", "\"9999-12-30\""), "latest", "\"9999-12-31\""), 400, V, "latest", "date_range" },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":[]}""", 400, V, "lines", "required" },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":[null]}""", 400, V, "lines[0]", "required" },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":{}}""", 400, M, "$.lines", null },
        { "PUT", "/api/v1/demand-lines/{line}", "buyer", Line("quantityKg", "-5"), 400, V, "quantityKg", "range" },
        { "PUT", "/api/v1/demand-lines/{line}", "buyer", "{", 400, M, null, null },
        { "GET", "/api/v1/demand-lines?limit=0", "buyer", null, 400, V, "limit", "range" },
        { "GET", "/api/v1/demand-lines?limit=abc", "buyer", null, 400, M, "limit", "invalid_value" },
        { "GET", "/api/v1/demand-lines?status=lost", "buyer", null, 400, V, "status", "one_of" },
        { "GET", "/api/v1/demand-lines/DL-none", "buyer", null, 404, "not_found", null, null },
        { "DELETE", "/api/v1/demand-lines/DL-none", "buyer", null, 404, "not_found", null, null },
        { "GET", "/api/v1/lots?status=lost", "base", null, 400, V, "status", "one_of" },
        { "POST", "/api/v1/lots", "base", Lot("availableTo", "\"2020-01-01\""), 400, V, "availableTo", "not_before_available_from" },
        { "POST", "/api/v1/lots", "base", Lot("availableTo", Quoted(Day(62))), 400, V, "availableTo", "window_max_60_days" },
        { "POST", "/api/v1/lots", "base", Replace(Replace(Lot("harvestDate", Quoted(Day(-3))), "availableFrom", Quoted(Day(-3))), "availableTo", Quoted(Day(-1))), 400, V, "availableTo", "not_in_past" },
        { "POST", "/api/v1/lots", "base", Lot("harvestDate", "\"0001-01-01\""), 400, V, "harvestDate", "date_range" },
        { "POST", "/api/v1/lots", "base", Replace(Replace(Lot("harvestDate", "\"9999-12-30\""), "availableFrom", "\"9999-12-30\""), "availableTo", "\"9999-12-31\""), 400, V, "availableFrom", "date_range" },
        { "POST", "/api/v1/lots", "base", Replace(Replace(Lot("harvestDate", "\"9999-12-30\""), "availableFrom", "\"9999-12-30\""), "availableTo", "\"9999-12-31\""), 400, V, "availableTo", "date_range" },
        { "POST", "/api/v1/lots", "base", Lot("firmKg", "999999"), 400, V, "firmKg", "range" },
        { "POST", "/api/v1/lots", "base", Lot("priceCnyPerKg", "0"), 400, V, "priceCnyPerKg", "range" },
        { "POST", "/api/v1/lots", "base", Lot("grade", "\"A\""), 400, M, "$.grade", null },
        { "PATCH", "/api/v1/lots/{lot}", "base", "{}", 400, V, "quantityKg", "one_required" },
        { "PATCH", "/api/v1/lots/{lot}", "base", """{"quantityKg":-5}""", 400, V, "quantityKg", "range" },
        { "PATCH", "/api/v1/lots/HL-none", "base", """{"quantityKg":5}""", 404, "not_found", null, null },
        { "GET", "/api/v1/lots?limit=100000", "base", null, 400, V, "limit", "range" },
        { "GET", "/api/v1/lots/HL-none/revisions", "base", null, 404, "not_found", null, null },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-05","horizonTo":"2026-06-01"}""", 400, V, "horizonTo", "not_before_horizon_from" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-08-01"}""", 400, V, "horizonTo", "horizon_max_31_days" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","cutoff":"2999-01-01T00:00:00Z"}""", 400, V, "cutoff", "not_in_future" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","settings":{"timeLimitSeconds":0}}""", 400, V, "settings.timeLimitSeconds", "range" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","settings":{"solver":"magic"}}""", 400, M, "$.settings.solver", null },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","settings":{"solver":"flow","policy":{"minPurchaseCnyByProvince":{"yunnan":1000},"minPovertySharePercent":50}}}""", 400, V, "settings.solver", "flow_without_policy" },
        { "POST", "/api/v1/rounds", "planner", "{}", 400, V, "horizonFrom", "required" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","logistics":{"enabled":true,"timeLimitSeconds":0}}""", 400, V, "logistics.timeLimitSeconds", "range" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","logistics":{"enabled":true,"workers":99}}""", 400, V, "logistics.workers", "range" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","logistics":{"enabled":"yes"}}""", 400, M, "$.logistics.enabled", null },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","logistics":[]}""", 400, M, "$.logistics", null },
        { "PUT", "/api/v1/round-schedules/daily", "planner", """{"cron":"0 6 * * *","horizonOffsetDays":1,"horizonDays":3,"logistics":{"enabled":true,"timeLimitSeconds":99999}}""", 400, V, "logistics.timeLimitSeconds", "range" },
        { "GET", "/api/v1/rounds/{round}/logistics", "planner", null, 409, "logistics_not_planned", null, null },
        { "GET", "/api/v1/rounds/{round}/shipments", "planner", null, 409, "logistics_not_planned", null, null },
        { "GET", "/api/v1/rounds/{round}/routes", "planner", null, 409, "logistics_not_planned", null, null },
        { "GET", "/api/v1/rounds/{round}/routes/unrouted", "planner", null, 409, "logistics_not_planned", null, null },
        { "GET", "/api/v1/rounds/{round}/pickups", "planner", null, 409, "logistics_not_planned", null, null },
        { "GET", "/api/v1/rounds/{round}/deliveries", "planner", null, 409, "logistics_not_planned", null, null },
        { "GET", "/api/v1/rounds/{round}/shipments?offset=-1", "planner", null, 400, V, "offset", "range" },
        { "GET", "/api/v1/rounds/{round}/routes?limit=0", "planner", null, 400, V, "limit", "range" },
        { "GET", "/api/v1/rounds/{round}/shipments?day=2026-99-99", "planner", null, 400, M, "day", "invalid_value" },
        { "GET", "/api/v1/rounds/00000000-0000-0000-0000-000000000009/logistics", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/rounds/00000000-0000-0000-0000-000000000009/deliveries", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/my/logistics/deliveries?roundId={round}", "buyer", null, 404, "no_published_round", null, null },
        { "GET", "/api/v1/my/logistics/pickups?roundId={round}", "base", null, 404, "no_published_round", null, null },
        { "POST", "/api/v1/hubs", "planner", Hub("region", "\"GZ\""), 400, V, "region", "province" },
        // A province by name only: "1" would be stored as the province numbered 1.
        { "POST", "/api/v1/hubs", "planner", Hub("region", "\"1\""), 400, V, "region", "province" },
        { "POST", "/api/v1/hubs", "planner", Hub("kind", "\"gbaDc\""), 400, V, "region", "exists" },
        { "POST", "/api/v1/hubs", "planner", Hub("kind", "\"port\""), 400, M, "$.kind", null },
        { "POST", "/api/v1/hubs", "planner", Hub("kind", "null"), 400, V, "kind", "required" },
        { "POST", "/api/v1/hubs", "planner", Hub("handlingCnyPerKg", "-0.1"), 400, V, "handlingCnyPerKg", "range" },
        { "POST", "/api/v1/hubs", "planner", Hub("handlingHours", "100"), 400, V, "handlingHours", "range" },
        { "POST", "/api/v1/hubs", "planner", Hub("lon", "200"), 400, V, "lon", "range" },
        { "PUT", "/api/v1/hubs/H-none", "planner", Hub("nameZh", "\"\""), 400, V, "nameZh", "required" },
        { "GET", "/api/v1/rounds?status=bogus", "planner", null, 400, V, "status", "one_of" },
        { "GET", "/api/v1/rounds?status=Solved", "planner", null, 400, V, "status", "one_of" },
        { "GET", "/api/v1/rounds?status=3", "planner", null, 400, V, "status", "one_of" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"0001-01-01","horizonTo":"0001-01-02"}""", 400, V, "horizonFrom", "date_range" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"9999-12-30","horizonTo":"9999-12-31"}""", 400, V, "horizonTo", "date_range" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","earliestShipDay":"1999-12-31"}""", 400, V, "earliestShipDay", "date_range" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","earliestShipDay":"2026-06-03"}""", 400, V, "earliestShipDay", "not_after_horizon_to" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","earliestShipDay":"yesterday"}""", 400, M, "$.earliestShipDay", null },
        { "PUT", "/api/v1/round-schedules/daily", "planner", """{"cron":"0 6 * * *","horizonOffsetDays":1,"horizonDays":3,"settings":{"policy":{"minPurchaseCnyByProvince":{"yunnan":-1}}}}""", 400, V, "settings.policy.minPurchaseCnyByProvince", "non_negative" },
        { "GET", "/api/v1/rounds/not-a-guid", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/rounds/00000000-0000-0000-0000-000000000009", "planner", null, 404, "not_found", null, null },
        { "POST", "/api/v1/rounds/00000000-0000-0000-0000-000000000009/cancel", "planner", null, 404, "not_found", null, null },
        { "POST", "/api/v1/rounds/{round}/publish", "planner", null, 409, "round_not_solved", null, null },
        { "GET", "/api/v1/rounds/{round}/allocations", "planner", null, 409, "round_not_solved", null, null },
        { "GET", "/api/v1/rounds/{round}/allocations?day=2026-99-99", "planner", null, 400, M, null, null },
        { "GET", "/api/v1/rounds/{round}/allocations?offset=-1", "planner", null, 400, V, "offset", "range" },
        { "GET", "/api/v1/rounds/{round}/unmet?reason=bored", "planner", null, 400, V, null, null },
        { "GET", "/api/v1/rounds/{round}/unmet?reason=1", "planner", null, 400, V, "reason", "enum" },
        { "GET", "/api/v1/rounds/{round}/kpis", "planner", null, 409, "round_not_solved", null, null },
        { "GET", "/api/v1/rounds/{round}/shadow-prices", "planner", null, 409, "round_not_solved", null, null },
        { "GET", "/api/v1/rounds/{round}/lines/{line}/explanation", "planner", null, 409, "round_not_solved", null, null },
        { "GET", "/api/v1/rounds/compare?base={round}", "planner", null, 400, V, "other", "required" },
        { "GET", "/api/v1/rounds/compare?base=x&other=y", "planner", null, 400, M, "base", "invalid_value" },
        { "PUT", "/api/v1/round-schedules/daily", "planner", """{"cron":"every day","horizonOffsetDays":1,"horizonDays":3}""", 400, V, "cron", "cron_format" },
        { "PUT", "/api/v1/round-schedules/daily", "planner", """{"cron":"0 6 30 2 *","horizonOffsetDays":1,"horizonDays":3}""", 400, V, "cron", "cron_never_fires" },
        { "POST", "/api/v1/feeds", "planner", """{"kind":"demand","ownerId":"{buyer}","url":"http://x/y.csv","format":"csv","cron":"0 0 31 2 *","mode":"snapshot"}""", 400, V, "cron", "cron_never_fires" },
        { "POST", "/api/v1/feeds", "planner", """{"kind":"demand","ownerId":"{buyer}","url":"http://x/y.csv","format":"csv","cron":"0 0 31 4,6,9,11 *","mode":"snapshot"}""", 400, V, "cron", "cron_never_fires" },
        { "PUT", "/api/v1/round-schedules/daily", "planner", """{"cron":"0 6 * * *","horizonOffsetDays":1,"horizonDays":99}""", 400, V, "horizonDays", "range" },
        { "DELETE", "/api/v1/round-schedules/none", "planner", null, 404, "not_found", null, null },
        { "POST", "/api/v1/feeds", "planner", """{"kind":"demand","ownerId":"{buyer}","url":"ftp://x/y.csv","format":"csv","cron":"0 3 * * *","mode":"snapshot"}""", 400, V, "url", "http_url" },
        { "POST", "/api/v1/feeds", "planner", """{"kind":"demand","ownerId":"{buyer}","url":"http://x/y.csv","format":"xml"}""", 400, M, "$.format", null },
        { "GET", "/api/v1/feeds/FD-none", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/feeds/FD-none/runs?limit=0", "planner", null, 400, V, "limit", "range" },
        { "GET", "/api/v1/feeds/FD-none/runs/00000000-0000-0000-0000-000000000009/rejected-rows", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/feeds/FD-none/runs/not-a-guid/rejected-rows", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/feeds/FD-none/runs/00000000-0000-0000-0000-000000000009/rejections", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/feeds/FD-none/runs/not-a-guid/rejections", "planner", null, 404, "not_found", null, null },
        { "GET", "/api/v1/feeds/FD-none/runs/00000000-0000-0000-0000-000000000009/rejections", "buyer", null, 404, "not_found", null, null },
        { "GET", "/api/v1/my/deliveries?roundId={round}", "buyer", null, 404, "no_published_round", null, null },
        { "GET", "/api/v1/my/pickups?roundId=zzz", "base", null, 400, M, "roundId", "invalid_value" },
        { "POST", "/api/v1/api-keys", "admin", """{"role":"root","name":"x"}""", 400, V, "role", "one_of" },
        { "POST", "/api/v1/api-keys", "admin", """{"role":"buyer","ownerId":"Y-NONE","name":"x"}""", 400, V, "ownerId", "exists" },
        { "POST", "/api/v1/api-keys", "admin", """{"role":"planner","ownerId":"Y-NONE","name":"x"}""", 400, V, "ownerId", "must_be_absent" },
        { "DELETE", "/api/v1/api-keys/00000000-0000-0000-0000-000000000009", "admin", null, 404, "not_found", null, null },
        { "GET", "/api/v1/audit?limit=5000", "planner", null, 400, V, "limit", "range" },
        { "GET", "/api/v1/audit?before=abc", "planner", null, 400, M, "before", "invalid_value" },
        { "GET", "/api/v1/nothing-here", "planner", null, 404, "not_found", null, null },
        { "DELETE", "/api/v1/products", "planner", null, 405, "method_not_allowed", null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_with_a_stable_code_and_names_the_field_and_rule(
        string method, string path, string role, string? body, int status, string code, string? field, string? rule)
    {
        var shared = await api.SharedAsync();
        var key = role switch
        {
            "buyer" => shared.World.BuyerKeys[0],
            "base" => shared.World.BaseKeys[0],
            "admin" => api.AdminKey,
            _ => api.PlannerKey,
        };
        var response = await api.Host.Client(key).SendRawAsync(new HttpMethod(method), shared.Fill(path), body is null ? null : Fill(shared, body));
        var problem = await response.ExpectAsync((HttpStatusCode)status, code);
        Assert.False(string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null), $"no detail: {problem}");
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
            if (rule is not null)
            {
                Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.StartsWith(rule + ":", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415_and_an_oversized_idempotency_key_gets_400()
    {
        var shared = await api.SharedAsync();
        var client = api.Host.Client(shared.World.BuyerKeys[0]);
        var plain = new HttpRequestMessage(HttpMethod.Post, "/api/v1/demand-lines") { Content = new StringContent("quantity=5") };
        await (await client.SendAsync(plain)).ExpectAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var longKey = await client.PostJsonAsync("/api/v1/demand-lines", shared.World.Line(), new string('k', 201));
        var problem = await longKey.ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var violation = Assert.Single(problem.GetProperty("violations").EnumerateArray());
        Assert.Equal(("Idempotency-Key", "length"), (violation.GetProperty("field").GetString(), violation.GetProperty("rule").GetString()));
        Assert.Equal("length: Idempotency-Key must hold 1 to 200 characters.", problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString());
    }

    [Fact]
    public async Task A_date_outside_the_calendar_the_service_plans_is_refused_with_the_range_in_both_languages_for_an_uploaded_row()
    {
        var shared = await api.SharedAsync();
        var client = api.Host.Client(shared.World.BuyerKeys[0]);
        var before = await (await client.GetAsync("/api/v1/demand-lines?limit=1000")).JsonAsync();
        var csv = "id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority\n"
            + $"far-1,{shared.World.ProductCodes[0]},first,100,9999-12-30,9999-12-31,6.50,50,true,2\n";
        var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/demand-lines/upload?fileName=far.csv") { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };

        var report = await (await client.SendAsync(upload)).ExpectAsync(HttpStatusCode.OK);

        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(["earliest", "latest"], rejected.Select(r => r.GetProperty("column").GetString()));
        Assert.All(rejected, r => Assert.Equal(("out_of_range", "must be between 2000-01-01 and 2099-12-31.", "必须在 2000-01-01 至 2099-12-31 之间。"),
            (r.GetProperty("code").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("reasonZh").GetString())));
        var after = await (await client.GetAsync("/api/v1/demand-lines?limit=1000")).JsonAsync();
        Assert.Equal(before.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_lot_revision_naming_no_known_field_says_which_fields_may_be_given_once()
    {
        var shared = await api.SharedAsync();

        var problem = await (await api.Host.Client(shared.World.BaseKeys[0]).SendRawAsync(HttpMethod.Patch, $"/api/v1/lots/{shared.LotId}", """{"pricePerKg":2}"""))
            .ExpectAsync(HttpStatusCode.BadRequest, M);

        Assert.Equal("unknown_field: pricePerKg is not a field the API takes; the fields there are quantityKg, firmKg, priceCnyPerKg.",
            problem.GetProperty("errors").GetProperty("$.pricePerKg")[0].GetString());
    }

    /// <summary>method, path, role, raw body, the JSON path of the field, the fields the object there takes.</summary>
    public static TheoryData<string, string, string, string, string, string> UnknownFieldCases => new()
    {
        { "POST", "/api/v1/demand-lines", "buyer", Line("partialAllow", "false"), "$.partialAllow",
            "buyerId, productCode, minGrade, quantityKg, earliest, latest, maxLandedCnyPerKg, minFreshnessPercent, partialAllowed, priority" },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":[{"productCode":"{product}","qty":100}]}""", "$.lines[0].qty",
            "buyerId, productCode, minGrade, quantityKg, earliest, latest, maxLandedCnyPerKg, minFreshnessPercent, partialAllowed, priority" },
        { "PUT", "/api/v1/demand-lines/{line}", "buyer", Line("status", "\"open\""), "$.status",
            "buyerId, productCode, minGrade, quantityKg, earliest, latest, maxLandedCnyPerKg, minFreshnessPercent, partialAllowed, priority" },
        { "POST", "/api/v1/lots", "base", Lot("moq", "500"), "$.moq",
            "baseId, productCode, grade, harvestDate, availableFrom, availableTo, quantityKg, firmKg, priceCnyPerKg, minOrderKg" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","settings":{"timeLimit":5}}""", "$.settings.timeLimit",
            "solver, povertyBonusCnyPerKg, unmetPenaltyStepCnyPerKg, roadFactor, loadFactor, dispatchHour, handlingHours, policy, computeDuals, timeLimitSeconds, workers" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","settings":{"policy":{"minPovertyShare":50}}}""", "$.settings.policy.minPovertyShare",
            "minPurchaseCnyByProvince, minPovertySharePercent, provincePenaltyPerCny, povertySharePenaltyCnyPerKg" },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","logistics":{"enabled":true,"hubs":false}}""", "$.logistics.hubs",
            "enabled, timeLimitSeconds, workers, useHubs, routeDeliveries" },
    };

    [Theory]
    [MemberData(nameof(UnknownFieldCases))]
    public async Task A_body_field_the_api_does_not_take_is_refused_naming_the_fields_it_takes_there_and_nothing_is_stored(
        string method, string path, string role, string body, string field, string fields)
    {
        var shared = await api.SharedAsync();
        var key = role switch { "buyer" => shared.World.BuyerKeys[0], "base" => shared.World.BaseKeys[0], _ => api.PlannerKey };
        var client = api.Host.Client(key);
        // The owner's own lines or lots (a round's status moves on while other rounds solve, so rounds are not compared).
        var list = role == "buyer" ? "/api/v1/demand-lines?limit=1000" : "/api/v1/lots?limit=1000";
        var before = role == "planner" ? "" : (await (await client.GetAsync(list)).JsonAsync()).GetRawText();

        var problem = await (await client.SendRawAsync(new HttpMethod(method), shared.Fill(path), shared.Fill(body))).ExpectAsync(HttpStatusCode.BadRequest, M);

        var name = field.TrimStart('$', '.');
        Assert.Equal([$"unknown_field: {name} is not a field the API takes; the fields there are {fields}."],
            problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"Field '{name}' of the body is not a field the API takes; the fields there are {fields}.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, role == "planner" ? "" : (await (await client.GetAsync(list)).JsonAsync()).GetRawText());
    }

    [Theory]
    [InlineData("/api/v1/rounds?limit=abc", "Parameter 'limit' must be a whole number, not 'abc'.")]
    [InlineData("/api/v1/rounds/compare?base=x&other=y", "Parameter 'base' must be an id (a GUID), not 'x'.")]
    [InlineData("/api/v1/audit?before=1.5", "Parameter 'before' must be a whole number, not '1.5'.")]
    [InlineData("/api/v1/demand-lines?limit=99999999999", "Parameter 'limit' must be a whole number between 1 and 1000, not '99999999999'.")]
    [InlineData("/api/v1/rounds/{round}/allocations?offset=99999999999", "Parameter 'offset' must be a whole number between 0 and 2147483647, not '99999999999'.")]
    [InlineData("/api/v1/rounds/{round}/shipments?offset=-99999999999", "Parameter 'offset' must be a whole number between 0 and 2147483647, not '-99999999999'.")]
    [InlineData("/api/v1/audit?before=99999999999999999999", "Parameter 'before' must be a whole number between -9223372036854775808 and 9223372036854775807, not '99999999999999999999'.")]
    [InlineData("/api/v1/rounds/{round}/allocations?day=12/10/2026", "Parameter 'day' must be a calendar day yyyy-MM-dd, not '12/10/2026'.")]
    [InlineData("/api/v1/rounds/{round}/allocations?day=10%20Dec%202026", "Parameter 'day' must be a calendar day yyyy-MM-dd, not '10 Dec 2026'.")]
    [InlineData("/api/v1/rounds/{round}/shipments?day=2026-6-1", "Parameter 'day' must be a calendar day yyyy-MM-dd, not '2026-6-1'.")]
    [InlineData("/api/v1/feeds/FD-none/runs?before=2026-06-01T08:00:00", "Parameter 'before' must be " + Timestamp + ", not '2026-06-01T08:00:00'.")]
    [InlineData("/api/v1/feeds/FD-none/runs?before=06/01/2026%2008:00:00%2B08:00", "Parameter 'before' must be " + Timestamp + ", not '06/01/2026 08:00:00+08:00'.")]
    [InlineData("/api/v1/feeds/FD-none/runs?before=2026-06-01T08:00:00+08:00",
        "Parameter 'before' must be " + Timestamp + " (send '+' in a query string as %2B), not '2026-06-01T08:00:00 08:00'.")]
    public async Task A_query_parameter_of_the_wrong_type_is_named_with_what_it_must_be(string path, string detail)
    {
        var shared = await api.SharedAsync();

        var problem = await (await api.Planner.GetAsync(shared.Fill(path))).ExpectAsync(HttpStatusCode.BadRequest, M);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_paging_offset_beyond_a_whole_number_names_the_same_range_as_a_negative_offset()
    {
        var shared = await api.SharedAsync();
        var negative = await (await api.Planner.GetAsync($"/api/v1/rounds/{shared.RoundId}/allocations?offset=-1")).ExpectAsync(HttpStatusCode.BadRequest, V);
        var huge = await (await api.Planner.GetAsync($"/api/v1/rounds/{shared.RoundId}/allocations?offset=99999999999")).ExpectAsync(HttpStatusCode.BadRequest, M);

        Assert.Equal("range: offset must be between 0 and 2147483647.", negative.GetProperty("errors").GetProperty("offset")[0].GetString());
        Assert.Equal("invalid_value: offset must be a whole number between 0 and 2147483647.", huge.GetProperty("errors").GetProperty("offset")[0].GetString());
    }

    /// <summary>method, path, role, raw body, the JSON path the error is filed under, the error.</summary>
    public static TheoryData<string, string, string, string, string, string> JsonTypeCases => new()
    {
        { "POST", "/api/v1/demand-lines", "buyer", Line("earliest", "\"2026-13-01\""), "$.earliest", "invalid_json: earliest must be a calendar day yyyy-MM-dd." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("minGrade", "\"best\""), "$.minGrade", "invalid_json: minGrade must be one of: second, first, premium." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("quantityKg", "\"100\""), "$.quantityKg", "invalid_json: quantityKg must be a whole number between -2147483648 and 2147483647." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("quantityKg", "1e99"), "$.quantityKg", "invalid_json: quantityKg must be a whole number between -2147483648 and 2147483647." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("maxLandedCnyPerKg", "\"6.5\""), "$.maxLandedCnyPerKg", "invalid_json: maxLandedCnyPerKg must be a number." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("partialAllowed", "\"yes\""), "$.partialAllowed", "invalid_json: partialAllowed must be true or false." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("productCode", "5"), "$.productCode", "invalid_json: productCode must be a string." },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":{}}""", "$.lines", "invalid_json: lines must be an array." },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":[{"quantityKg":true}]}""", "$.lines[0].quantityKg", "invalid_json: lines[0].quantityKg must be a whole number between -2147483648 and 2147483647." },
        { "POST", "/api/v1/products", "planner", "[]", "$", "invalid_json: the body must be an object." },
        { "POST", "/api/v1/buyers", "planner", """{"id":"Y1","type":"restaurant"}""", "$.type", "invalid_json: type must be one of: wholesaleMarket, supermarketChain, canteen, importer." },
        { "POST", "/api/v1/rounds", "planner", """{"settings":{"solver":"magic"}}""", "$.settings.solver", "invalid_json: settings.solver must be one of: auto, flow, lp." },
        // Enums by name only: a number would be stored as a grade (or solver) that does not exist.
        { "POST", "/api/v1/demand-lines", "buyer", Line("minGrade", "2"), "$.minGrade", "invalid_json: minGrade must be one of: second, first, premium." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("minGrade", "99"), "$.minGrade", "invalid_json: minGrade must be one of: second, first, premium." },
        { "POST", "/api/v1/demand-lines", "buyer", Line("minGrade", "\"1\""), "$.minGrade", "invalid_json: minGrade must be one of: second, first, premium." },
        { "POST", "/api/v1/demand-lines/batch", "buyer", """{"lines":[{"minGrade":-1}]}""", "$.lines[0].minGrade", "invalid_json: lines[0].minGrade must be one of: second, first, premium." },
        { "POST", "/api/v1/lots", "base", Lot("grade", "7"), "$.grade", "invalid_json: grade must be one of: second, first, premium." },
        { "POST", "/api/v1/rounds", "planner", """{"settings":{"solver":1}}""", "$.settings.solver", "invalid_json: settings.solver must be one of: auto, flow, lp." },
        { "POST", "/api/v1/hubs", "planner", Hub("kind", "0"), "$.kind", "invalid_json: kind must be one of: originHub, gbaDc." },
        // A timestamp names an instant only with its offset; without one the server's own time zone would decide.
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","cutoff":"2026-06-01T08:00:00"}""", "$.cutoff", "invalid_json: cutoff must be " + Timestamp + "." },
        { "POST", "/api/v1/rounds", "planner", """{"horizonFrom":"2026-06-01","horizonTo":"2026-06-02","cutoff":"06/01/2026 08:00"}""", "$.cutoff", "invalid_json: cutoff must be " + Timestamp + "." },
        { "POST", "/api/v1/rounds", "planner", """{"logistics":{"enabled":"yes"}}""", "$.logistics.enabled", "invalid_json: logistics.enabled must be true or false." },
        { "POST", "/api/v1/rounds", "planner", """{"logistics":[]}""", "$.logistics", "invalid_json: logistics must be an object." },
        { "POST", "/api/v1/rounds", "planner", """{"settings":{"policy":{"minPurchaseCnyByProvince":{"yunnan":"x"}}}}""", "$.settings.policy.minPurchaseCnyByProvince.yunnan", "invalid_json: settings.policy.minPurchaseCnyByProvince.yunnan must be a number." },
        { "POST", "/api/v1/rounds", "planner", """{"settings":{"policy":{"minPurchaseCnyByProvince":{"tibet":5}}}}""", "$.settings.policy.minPurchaseCnyByProvince.tibet", "invalid_json: settings.policy.minPurchaseCnyByProvince.tibet is not a valid key: keys must be one of: yunnan, guizhou, sichuan, guangxi." },
    };

    [Theory]
    [MemberData(nameof(JsonTypeCases))]
    public async Task A_body_value_of_the_wrong_type_says_what_its_field_must_be(string method, string path, string role, string body, string field, string error)
    {
        var shared = await api.SharedAsync();
        var key = role switch { "buyer" => shared.World.BuyerKeys[0], "base" => shared.World.BaseKeys[0], _ => api.PlannerKey };

        var problem = await (await api.Host.Client(key).SendRawAsync(new HttpMethod(method), path, shared.Fill(body))).ExpectAsync(HttpStatusCode.BadRequest, M);

        Assert.Equal([error], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        var what = error[(error.IndexOf(' ', "invalid_json: ".Length) + 1)..];
        Assert.EndsWith(" " + what, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"productCode\":", "The body is not valid JSON at line 1, position 16")]
    [InlineData("{\"productCode\":\"P\",\n \"quantityKg\": 5,", "The body is not valid JSON at line 2, position 17")]
    [InlineData("{\"productCode\" \"P\"}", "The body is not valid JSON at line 1, position 16")]
    public async Task A_body_that_is_not_json_says_so_and_where_without_blaming_a_field(string body, string detail)
    {
        var shared = await api.SharedAsync();

        var problem = await (await api.Host.Client(shared.World.BuyerKeys[0]).SendRawAsync(HttpMethod.Post, "/api/v1/demand-lines", body))
            .ExpectAsync(HttpStatusCode.BadRequest, M);

        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("$", error.Name);
        Assert.DoesNotContain("must be", error.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/v1/demand-lines", true)]
    [InlineData("POST", "/api/v1/demand-lines", false)]
    [InlineData("POST", "/api/v1/rounds", false)]
    [InlineData("PUT", "/api/v1/products/{product}", true)]
    public async Task A_request_without_a_body_says_the_json_body_is_required_and_names_no_csharp_type(string method, string path, bool jsonContentType)
    {
        var shared = await api.SharedAsync();
        var key = path.Contains("demand", StringComparison.Ordinal) ? shared.World.BuyerKeys[0] : api.PlannerKey;
        var request = new HttpRequestMessage(new HttpMethod(method), shared.Fill(path))
        {
            Content = jsonContentType ? new StringContent("", System.Text.Encoding.UTF8, "application/json") : null,
        };

        var problem = await (await api.Host.Client(key).SendAsync(request)).ExpectAsync(HttpStatusCode.BadRequest, M);

        Assert.Equal("The request body is required (JSON).", problem.GetProperty("detail").GetString());
        Assert.Equal("required: the request body is required (JSON).", problem.GetProperty("errors").GetProperty("$")[0].GetString());
        Assert.DoesNotMatch("[a-z]Body|body\"", problem.ToString());
    }

    [Fact]
    public async Task An_upload_sent_as_json_is_refused_with_415_naming_the_accepted_media_types()
    {
        var shared = await api.SharedAsync();

        var problem = await (await api.Host.Client(shared.World.BuyerKeys[0]).SendRawAsync(HttpMethod.Post, "/api/v1/demand-lines/upload", "{}"))
            .ExpectAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        Assert.Equal("POST /api/v1/demand-lines/upload takes multipart/form-data (the file in the form field 'file') or text/csv, not 'application/json; charset=utf-8'.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_upload_without_a_body_says_no_file_was_sent_and_an_empty_csv_body_that_the_file_is_empty()
    {
        var shared = await api.SharedAsync();
        var buyer = api.Host.Client(shared.World.BuyerKeys[0]);

        var none = await (await buyer.PostAsync("/api/v1/demand-lines/upload", null)).ExpectAsync(HttpStatusCode.BadRequest, V);
        var empty = await (await buyer.PostAsync("/api/v1/demand-lines/upload", new StringContent("", System.Text.Encoding.UTF8, "text/csv")))
            .ExpectAsync(HttpStatusCode.BadRequest, "csv_unreadable");

        Assert.StartsWith("No file was sent", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("file_empty", empty.GetProperty("fileErrors")[0].GetProperty("code").GetString());
    }

    private static string Fill(Shared shared, string body) => shared.Fill(body);

    private static string Product(string field, string value) =>
        Replace("""{"code":"P-BAD","nameZh":"菜","nameEn":"Veg","category":"leafy","shelfLifeDays":5,"storage":"chilled","crateKg":10}""", field, value);

    private static string Base(string field, string value) =>
        Replace("""{"id":"B-BAD","nameZh":"基地","nameEn":"Base","province":"yunnan","countyZh":"县","countyEn":"County","lat":25,"lon":103,"certifications":[],"poorHouseholds":0,"povertyCounty":false}""", field, value);

    private static string Hub(string field, string value) =>
        Replace("""{"id":"H-BAD","nameZh":"集配中心","nameEn":"Hub","kind":"originHub","region":"yunnan","lat":24.9,"lon":102.8,"handlingCnyPerKg":0.1,"handlingHours":3}""", field, value);

    private static string Line(string field, string value) =>
        Replace($$"""{"productCode":"{product}","minGrade":"first","quantityKg":100,"earliest":"{{Day(2)}}","latest":"{{Day(3)}}","maxLandedCnyPerKg":6.5,"minFreshnessPercent":50}""", field, value);

    private static string Lot(string field, string value) =>
        Replace($$"""{"productCode":"{product}","grade":"first","harvestDate":"{{Day(1)}}","availableFrom":"{{Day(1)}}","availableTo":"{{Day(3)}}","quantityKg":100,"priceCnyPerKg":3.1}""", field, value);

    private static string Quoted(string text) => $"\"{text}\"";

    private static string Day(int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd");

    private static string Replace(string json, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
