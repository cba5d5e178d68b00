using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

/// <summary>
/// A buyer whose delivery from a distribution centre is partly on a city route and partly on none sees both parts in its
/// expected arrivals, and one whose delivery is on no route sees why, in English and Chinese, as the API gives them.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PartlyRoutedTests(DashboardFixture dashboard)
{
    // Due north of DC-GZ (23.2810, 113.2990), still nearer to it than to any other centre: 336 km by road (great-circle x 1.3),
    // 288 min each way on the 4.2 m ambient box truck. A route lasts at most 600 min, so a full 2,500 kg load (30 min to
    // unload) cannot go out and back, while the 500 kg left over (18 min) can; the other city vehicles do worse (R042 and R076
    // are slower), so the centre's run routes 500 kg of the 3,000 and leaves 2,500 kg unrouted for the route length.
    private const double NorthLat = 25.6057;
    private const double NorthLon = 113.2990;
    private const int NorthKg = 3_000;

    // Further north (350 km by road, 300 min each way): not even 1,000 kg (21 min to unload) goes out and back in 600 min.
    private const double FarLat = 25.7020;

    private HttpClient Planner => dashboard.Host.Api(DashboardFixture.Planner);

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_buyer_sees_a_line_partly_on_a_route_with_its_routed_and_unrouted_kg_and_why_in_english_and_chinese()
    {
        var (buyerKey, lineId, _, _, _) = await PublishedRoundAsync();
        using var buyer = dashboard.Host.Api(buyerKey);
        var plan = await buyer.GetJsonAsync("/api/v1/my/logistics/deliveries");
        var delivery = plan.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("lineId").GetString() == lineId);
        Assert.Equal("partlyRouted", delivery.GetProperty("leg").GetString());
        var (routed, unrouted) = (delivery.GetProperty("routedKg").GetInt32(), delivery.GetProperty("unroutedKg").GetInt32());
        Assert.True(routed > 0 && unrouted > 0, $"routed {routed} kg, unrouted {unrouted} kg");
        Assert.Equal(NorthKg, routed + unrouted);
        Assert.Equal("route_length", delivery.GetProperty("unroutedReason").GetString());
        var eta = DateTimeOffset.Parse(delivery.GetProperty("etaUtc").GetString()!, CultureInfo.InvariantCulture);

        var page = await dashboard.SignedInAsync(buyerKey, "en");
        await page.GotoAsync("/#/deliveries");
        var row = page.GetByTestId("arrivals-table").Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-leg]")).ToHaveAttributeAsync("data-leg", "partlyRouted");
        await Assertions.Expect(row.Locator("[data-unrouted-kg]")).ToHaveAttributeAsync("data-unrouted-kg", unrouted.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(row).ToContainTextAsync("City route, in part");
        await Assertions.Expect(row).ToContainTextAsync(
            string.Create(CultureInfo.InvariantCulture, $"{routed:#,0} kg on the route; {unrouted:#,0} kg not on a route, no planned arrival (Route would be too long)"));
        Assert.Equal(NorthKg, await KgAsync(row));
        var cst = eta.ToOffset(TimeSpan.FromHours(8));
        await Assertions.Expect(row.Locator("[data-eta]")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"{cst:HH:mm} CST"));
        await Assertions.Expect(row).ToContainTextAsync(delivery.GetProperty("routeId").GetString()!);
        await AssertFitsAsync(page.GetByTestId("arrivals"));
        await Screens.ElementShotAsync(page.GetByTestId("arrivals"), "buyer-arrivals-partly-routed-en");

        await page.GetByTestId("lang-zh").ClickAsync();
        row = page.GetByTestId("arrivals-table").Locator("tbody tr");
        await Assertions.Expect(row).ToContainTextAsync("城市配送路线（部分）");
        await Assertions.Expect(row).ToContainTextAsync(
            string.Create(CultureInfo.InvariantCulture, $"{routed:#,0} 公斤 已排入路线；{unrouted:#,0} 公斤 未排入路线，无预计到达时间（路线过长）"));
        await Assertions.Expect(row.Locator("[data-eta]")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"{cst:HH:mm} 北京时间"));
        await Assertions.Expect(page.GetByTestId("deliveries-table").Locator("[data-base]")).ToHaveTextAsync("都匀市蔬菜专业合作社");
        Assert.DoesNotContain("Route would be too long", await row.InnerTextAsync(), StringComparison.Ordinal);
        await AssertFitsAsync(page.GetByTestId("arrivals"));
        await Screens.ElementShotAsync(page.GetByTestId("arrivals"), "buyer-arrivals-partly-routed-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_sees_why_a_delivery_from_the_centre_is_on_no_route_in_english_and_chinese()
    {
        var (_, _, buyerKey, lineId, round) = await PublishedRoundAsync();
        using var buyer = dashboard.Host.Api(buyerKey);
        var delivery = (await buyer.GetJsonAsync("/api/v1/my/logistics/deliveries")).GetProperty("deliveries").EnumerateArray()
            .Single(d => d.GetProperty("lineId").GetString() == lineId);
        Assert.Equal(("unrouted", 0, 1_000, "route_length"), (delivery.GetProperty("leg").GetString(), delivery.GetProperty("routedKg").GetInt32(),
            delivery.GetProperty("unroutedKg").GetInt32(), delivery.GetProperty("unroutedReason").GetString()));

        var page = await dashboard.SignedInAsync(buyerKey, "en");
        await page.GotoAsync("/#/deliveries");
        var row = page.GetByTestId("arrivals-table").Locator("tbody tr");
        await Assertions.Expect(row.Locator("[data-leg]")).ToHaveTextAsync("From the distribution centre, not on a route · no planned arrival (Route would be too long)");
        await Assertions.Expect(row.Locator("[data-eta]")).ToHaveTextAsync("");
        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("arrivals-table").Locator("tbody tr [data-leg]")).ToHaveTextAsync("分拨中心配送（未排入路线） · 无预计到达时间（路线过长）");
        await page.Context.CloseAsync();

        // The planner reads the reason in numbers, in the page's language.
        var left = (await Planner.GetJsonAsync($"/api/v1/rounds/{round}/routes/unrouted?buyerId={delivery.GetProperty("buyerId").GetString()}"))
            .GetProperty("items").EnumerateArray().Single();
        var (en, zh) = (left.GetProperty("message").GetString()!, left.GetProperty("messageZh").GetString()!);
        Assert.Contains("min limit", en, StringComparison.Ordinal);
        Assert.Contains("分钟的时长上限", zh, StringComparison.Ordinal);
        var planner = await dashboard.SignedInAsync(DashboardFixture.Planner, "en");
        await planner.GotoAsync($"/#/rounds/{round}");
        var shown = planner.GetByTestId("unrouted-table").Locator("tbody tr").Filter(new() { HasText = "Guangzhou far northern catering depot" }).Locator("[data-message]");
        await Assertions.Expect(shown).ToHaveTextAsync(en, new() { Timeout = 60_000 });
        await planner.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(planner.GetByTestId("unrouted-table").Locator("tbody tr").Filter(new() { HasText = "广州北部远郊团餐配送点" }).Locator("[data-message]"))
            .ToHaveTextAsync(zh);
        await planner.Context.CloseAsync();
    }

    /// <summary>
    /// A Guizhou cooperative's cabbage for three canteens of Guangzhou, one of them at the far edge of the centre's day: a
    /// round with logistics over days no other test uses, published. Returns the keys and lines of the two canteens in the
    /// north (the nearer partly routed, the farther on no route) and the round.
    /// </summary>
    private async Task<(string NorthKey, string NorthLine, string FarKey, string FarLine, string Round)> PublishedRoundAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (baseId, north, far, near1, near2) = ($"B-GZ-DUYUN-{tag}", $"GZ-NORTH-{tag}", $"GZ-FAR-{tag}", $"GZ-BAIYUN-{tag}", $"GZ-TIANHE-{tag}");
        await PostAsync(Planner, "/api/v1/bases", new
        {
            id = baseId, nameZh = "都匀市蔬菜专业合作社", nameEn = "Duyun vegetable cooperative", province = "guizhou", countyZh = "都匀市", countyEn = "Duyun",
            lat = 26.26, lon = 107.52, certifications = new[] { "gba_basket" }, poorHouseholds = 800, povertyCounty = true,
        });
        foreach (var (id, zh, en, lat, lon) in new[]
        {
            (north, "广州北部团餐配送点", "Guangzhou northern catering depot", NorthLat, NorthLon),
            (far, "广州北部远郊团餐配送点", "Guangzhou far northern catering depot", FarLat, NorthLon),
            (near1, "广州白云团餐公司", "Guangzhou Baiyun catering", 23.20, 113.30),
            (near2, "广州天河团餐公司", "Guangzhou Tianhe catering", 23.15, 113.35),
        })
        {
            await PostAsync(Planner, "/api/v1/buyers", new
            {
                id, nameZh = zh, nameEn = en, type = "canteen", cityId = "GZ", lat, lon, requiredCertifications = Array.Empty<string>(),
                receiveFrom = "00:00", receiveTo = "23:00",
            });
        }

        await PostAsync(Planner, "/api/v1/lots", new
        {
            baseId, productCode = "P-NAPA", grade = "first", harvestDate = Day(40), availableFrom = Day(40), availableTo = Day(42), quantityKg = 20_000,
            priceCnyPerKg = 1.20m,
        });
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (buyerId, kg) in new[] { (north, NorthKg), (far, 1_000), (near1, 2_000), (near2, 2_000) })
        {
            var line = await PostAsync(Planner, "/api/v1/demand-lines", new
            {
                buyerId, productCode = "P-NAPA", minGrade = "second", quantityKg = kg, earliest = Day(42), latest = Day(44), maxLandedCnyPerKg = 9.00m,
                minFreshnessPercent = 10, partialAllowed = true, priority = 1,
            });
            lines[buyerId] = line.GetProperty("id").GetString()!;
        }

        using var response = await Planner.PostAsJsonAsync("/api/v1/rounds", new
        {
            horizonFrom = Day(42), horizonTo = Day(44), settings = new { timeLimitSeconds = 30 }, logistics = new { enabled = true, timeLimitSeconds = 5 },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var round = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var solved = await Rounds.EventuallyAsync(() => Planner.GetJsonAsync($"/api/v1/rounds/{round}"), r => r.GetProperty("status").GetString() is not ("queued" or "running"));
        Assert.Equal("solved", solved.GetProperty("status").GetString());
        using var published = await Planner.PostAsync($"/api/v1/rounds/{round}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        using var admin = dashboard.Host.Api(DashboardFixture.Admin);
        var northKey = await PostAsync(admin, "/api/v1/api-keys", new { role = "buyer", ownerId = north, name = "Northern depot ordering" });
        var farKey = await PostAsync(admin, "/api/v1/api-keys", new { role = "buyer", ownerId = far, name = "Far northern depot ordering" });
        return (northKey.GetProperty("key").GetString()!, lines[north], farKey.GetProperty("key").GetString()!, lines[far], round);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The whole table is in view, ETA included: the section does not have to be scrolled sideways to read it.</summary>
    private static async Task AssertFitsAsync(ILocator section)
    {
        var widths = await section.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the table is {widths[0]} px wide in a section of {widths[1]} px");
    }

    private static async Task<int> KgAsync(ILocator row) =>
        int.Parse((await row.Locator("[data-kg]").GetAttributeAsync("data-kg"))!, CultureInfo.InvariantCulture);
}
