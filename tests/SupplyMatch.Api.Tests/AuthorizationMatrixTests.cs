using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>Every role against every endpoint: allowed roles get past authorization, others get 403, no key gets 401.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture api)
{
    private const string B = Roles.Buyer;
    private const string S = Roles.Base;
    private const string P = Roles.Planner;
    private const string A = Roles.Admin;

    public static TheoryData<string, string, string[]> Endpoints => new()
    {
        { "GET", "/api/v1/products", [B, S, P, A] },
        { "GET", "/api/v1/products/{product}", [B, S, P, A] },
        { "POST", "/api/v1/products", [P] },
        { "PUT", "/api/v1/products/{product}", [P] },
        { "GET", "/api/v1/cities", [B, S, P, A] },
        { "POST", "/api/v1/cities", [P] },
        { "PUT", "/api/v1/cities/{city}", [P] },
        { "GET", "/api/v1/bases", [P] },
        { "GET", "/api/v1/bases/{base}", [P] },
        { "POST", "/api/v1/bases", [P] },
        { "PUT", "/api/v1/bases/{base}", [P] },
        { "GET", "/api/v1/buyers", [P] },
        { "GET", "/api/v1/buyers/{buyer}", [P] },
        { "POST", "/api/v1/buyers", [P] },
        { "PUT", "/api/v1/buyers/{buyer}", [P] },
        { "GET", "/api/v1/vehicle-types", [B, S, P, A] },
        { "POST", "/api/v1/vehicle-types", [P] },
        { "PUT", "/api/v1/vehicle-types/{vehicle}", [P] },
        { "GET", "/api/v1/lanes", [P] },
        { "GET", "/api/v1/lanes/{base}/{city}", [P] },
        { "POST", "/api/v1/lanes", [P] },
        { "PUT", "/api/v1/lanes/{base}/{city}", [P] },
        { "POST", "/api/v1/demand-lines", [B, P] },
        { "POST", "/api/v1/demand-lines/batch", [B, P] },
        { "POST", "/api/v1/demand-lines/upload", [B, P] },
        { "GET", "/api/v1/demand-lines", [B, P] },
        { "GET", "/api/v1/demand-lines/{line}", [B, P] },
        { "PUT", "/api/v1/demand-lines/{line}", [B, P] },
        { "DELETE", "/api/v1/demand-lines/{line}", [B, P] },
        { "POST", "/api/v1/lots", [S, P] },
        { "GET", "/api/v1/lots", [S, P] },
        { "GET", "/api/v1/lots/{lot}", [S, P] },
        { "PATCH", "/api/v1/lots/{lot}", [S, P] },
        { "GET", "/api/v1/lots/{lot}/revisions", [S, P] },
        { "POST", "/api/v1/rounds", [P] },
        { "GET", "/api/v1/rounds", [P] },
        { "GET", "/api/v1/rounds/{round}", [P] },
        { "POST", "/api/v1/rounds/{round}/publish", [P] },
        { "GET", "/api/v1/rounds/{round}/allocations", [P] },
        { "GET", "/api/v1/rounds/{round}/unmet", [P] },
        { "GET", "/api/v1/rounds/{round}/kpis", [P] },
        { "GET", "/api/v1/rounds/{round}/lines/{line}/explanation", [P] },
        { "GET", "/api/v1/rounds/{round}/shadow-prices", [P] },
        { "GET", "/api/v1/rounds/{round}/result", [P] },
        { "GET", "/api/v1/rounds/{round}/snapshot", [P] },
        { "GET", "/api/v1/rounds/{round}/reference", [P] },
        { "GET", "/api/v1/rounds/compare?base={round}&other={round}", [P] },
        { "GET", "/api/v1/rounds/{round}/logistics", [P] },
        { "GET", "/api/v1/rounds/{round}/logistics/plan", [P] },
        { "GET", "/api/v1/rounds/{round}/shipments", [P] },
        { "GET", "/api/v1/rounds/{round}/routes", [P] },
        { "GET", "/api/v1/rounds/{round}/routes/unrouted", [P] },
        { "GET", "/api/v1/rounds/{round}/pickups", [P] },
        { "GET", "/api/v1/rounds/{round}/deliveries", [P] },
        { "GET", "/api/v1/hubs", [B, S, P, A] },
        { "GET", "/api/v1/hubs/H-none", [B, S, P, A] },
        { "POST", "/api/v1/hubs", [P] },
        { "PUT", "/api/v1/hubs/H-none", [P] },
        { "GET", "/api/v1/my/logistics/deliveries", [B] },
        { "GET", "/api/v1/my/logistics/pickups", [S] },
        { "GET", "/api/v1/round-schedules", [P] },
        { "GET", "/api/v1/round-schedules/matrix", [P] },
        { "PUT", "/api/v1/round-schedules/matrix", [P] },
        { "DELETE", "/api/v1/round-schedules/matrix-none", [P] },
        { "GET", "/api/v1/demand-lines/{line}/revisions", [B, P] },
        { "GET", "/api/v1/feeds", [B, S, P] },
        { "GET", "/api/v1/feeds/FD-none", [B, S, P] },
        { "POST", "/api/v1/feeds", [P] },
        { "PUT", "/api/v1/feeds/FD-none", [P] },
        { "DELETE", "/api/v1/feeds/FD-none", [P] },
        { "POST", "/api/v1/feeds/FD-none/pull", [P] },
        { "GET", "/api/v1/feeds/FD-none/runs", [B, S, P] },
        { "GET", "/api/v1/feeds/FD-none/runs/00000000-0000-0000-0000-000000000009", [B, S, P] },
        { "GET", "/api/v1/feeds/FD-none/runs/00000000-0000-0000-0000-000000000009/rejected-rows", [B, S, P] },
        { "GET", "/api/v1/feeds/FD-none/runs/00000000-0000-0000-0000-000000000009/rejections", [B, S, P] },
        { "GET", "/api/v1/my/deliveries", [B] },
        { "GET", "/api/v1/my/pickups", [S] },
        { "POST", "/api/v1/api-keys", [A] },
        { "GET", "/api/v1/api-keys", [A] },
        { "DELETE", "/api/v1/api-keys/00000000-0000-0000-0000-000000000001", [A] },
        { "GET", "/api/v1/audit", [P, A] },
        { "GET", "/api/v1/me", [B, S, P, A] },
        { "GET", "/hangfire", [P] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_is_let_through_only_where_allowed(string method, string path, string[] allowed)
    {
        var shared = await api.SharedAsync();
        var keys = new Dictionary<string, string>
        {
            [B] = shared.World.BuyerKeys[0], [S] = shared.World.BaseKeys[0], [P] = api.PlannerKey, [A] = api.AdminKey,
        };
        var url = shared.Fill(path);
        var anonymous = await SendAsync(api.Anonymous, method, url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var (role, key) in keys)
        {
            var response = await SendAsync(api.Host.Client(key), method, url);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{role} {method} {url}: {status}");
            if (allowed.Contains(role))
            {
                Assert.True(status is not (401 or 403), $"{role} should pass {method} {url}, got {status}");
            }
            else
            {
                Assert.True(status == 403, $"{role} should be refused {method} {url}, got {status}");
            }
        }
    }

    [Fact]
    public async Task A_buyer_never_sees_or_touches_another_buyers_lines_and_gets_404_as_if_they_did_not_exist()
    {
        var shared = await api.SharedAsync();
        var other = api.Host.Client(shared.World.BuyerKeys[1]);
        var line = $"/api/v1/demand-lines/{shared.LineId}";
        await (await other.GetAsync(line)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.PutJsonAsync(line, shared.World.Line())).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.DeleteAsync(line)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        var missing = await (await other.GetAsync("/api/v1/demand-lines/DL-does-not-exist")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        var hidden = await (await other.GetAsync(line)).JsonAsync();
        Assert.Equal(missing.GetProperty("detail").GetString()!.Replace("DL-does-not-exist", shared.LineId, StringComparison.Ordinal),
            hidden.GetProperty("detail").GetString());
        var listed = await (await other.GetAsync($"/api/v1/demand-lines?buyerId={shared.World.BuyerIds[0]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        var own = await (await api.Host.Client(shared.World.BuyerKeys[0]).GetAsync(line)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("open", own.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_base_never_sees_or_revises_another_bases_lots()
    {
        var shared = await api.SharedAsync();
        var other = api.Host.Client(shared.World.BaseKeys[1]);
        var lot = $"/api/v1/lots/{shared.LotId}";
        await (await other.GetAsync(lot)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.PatchAsync(lot, System.Net.Http.Json.JsonContent.Create(new { quantityKg = 1 }))).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.GetAsync(lot + "/revisions")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        var listed = await (await other.GetAsync("/api/v1/lots")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetString() == shared.LotId);
        var own = await (await api.Host.Client(shared.World.BaseKeys[0]).GetAsync(lot)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5_000, own.GetProperty("quantityKg").GetInt32());
    }

    [Fact]
    public async Task A_revoked_or_unknown_key_is_refused_with_401_and_both_header_forms_work()
    {
        var key = await api.Host.IssueKeyAsync(Roles.Planner, null);
        var viaAuthorization = api.Host.Client(null);
        viaAuthorization.DefaultRequestHeaders.Add("Authorization", "ApiKey " + key);
        await (await viaAuthorization.GetAsync("/api/v1/rounds")).ExpectAsync(HttpStatusCode.OK);
        var keys = await (await api.Host.Client(api.AdminKey).GetAsync("/api/v1/api-keys")).JsonAsync();
        var id = keys.EnumerateArray().Last().GetProperty("id").GetGuid();
        await (await api.Host.Client(api.AdminKey).DeleteAsync($"/api/v1/api-keys/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await viaAuthorization.GetAsync("/api/v1/rounds")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await api.Host.Client("sm_not-a-key").GetAsync("/api/v1/products")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        if (url.EndsWith("/upload", StringComparison.Ordinal))
        {
            // The upload takes a CSV body; any other content type is refused with 415 before authentication.
            return client.PostAsync(url, new StringContent("id\n", System.Text.Encoding.UTF8, "text/csv"));
        }

        return client.SendRawAsync(new HttpMethod(method), url, method is "GET" or "DELETE" ? null : "{}");
    }
}
