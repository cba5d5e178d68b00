using System.Globalization;
using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

/// <summary>A base's lots, sales and pickups; the planner's feeds screen.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BaseAndFeedTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task A_base_posts_a_lot_and_revises_its_price()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Base);
        await page.GetByTestId("post-lot").Locator("xpath=..").Locator("summary").ClickAsync();
        var form = page.GetByTestId("post-lot");
        await form.Locator("select[name=productCode]").SelectOptionAsync("P-TOMATO");
        await form.Locator("input[name=quantityKg]").FillAsync("7321");
        await form.Locator("input[name=priceCnyPerKg]").FillAsync("3.45");
        await page.GetByTestId("post-lot-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("posted");
        var lotId = (await page.GetByTestId("notice").InnerTextAsync()).Split(' ')[1];

        var revise = page.GetByTestId($"revise-{lotId}");
        await revise.Locator("input[name=priceCnyPerKg]").FillAsync("3.15");
        await revise.Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync($"Lot {lotId} revised (revision 2).");

        var lot = await dashboard.Host.Api(DashboardFixture.Base).GetJsonAsync($"/api/v1/lots/{lotId}");
        Assert.Equal(3.15m, lot.GetProperty("priceCnyPerKg").GetDecimal());
        Assert.Equal(7321, lot.GetProperty("quantityKg").GetInt32());
        Assert.Equal(2, lot.GetProperty("revision").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_base_sees_its_sales_and_pickup_schedule_of_the_published_round()
    {
        var round = await Rounds.PublishedAsync(dashboard.Host.Api(DashboardFixture.Planner));
        var plan = await dashboard.Host.Api(DashboardFixture.Base).GetJsonAsync($"/api/v1/my/pickups?roundId={round}");
        var page = await dashboard.SignedInAsync(DashboardFixture.Base, "zh");
        await page.GotoAsync("/#/pickups");
        await Assertions.Expect(page.GetByTestId("pickups-table").Locator("tbody tr")).ToHaveCountAsync(plan.GetProperty("pickups").GetArrayLength());
        Assert.Equal(plan.GetProperty("soldKg").GetInt64().ToString(CultureInfo.InvariantCulture), await page.GetByTestId("sold-kg").GetAttributeAsync("data-value"));
        var sales = await page.GetByTestId("sales-cny").Locator(".kpi-value").InnerTextAsync();
        Assert.StartsWith("¥", sales, StringComparison.Ordinal);
        Screens.AssertShows(sales, plan.GetProperty("salesCny").GetDouble(), 2);
        await Assertions.Expect(page.GetByTestId("sold-kg")).ToContainTextAsync("公斤");
        await Screens.ShotAsync(page, "base-pickups-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_feeds_screen_lists_the_services_feeds_or_says_there_are_none_yet()
    {
        using var response = await dashboard.Host.Api(DashboardFixture.Planner).GetAsync("/api/v1/feeds");
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync("/#/feeds");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await Assertions.Expect(page.GetByTestId("feeds-none")).ToContainTextAsync("No feeds yet.");
        }
        else
        {
            var body = await dashboard.Host.Api(DashboardFixture.Planner).GetJsonAsync("/api/v1/feeds");
            var feeds = body.ValueKind == System.Text.Json.JsonValueKind.Array ? body.GetArrayLength() : body.GetProperty("items").GetArrayLength();
            await Assertions.Expect(page.GetByTestId(feeds == 0 ? "feeds-none" : "feeds-table")).ToBeVisibleAsync();
        }

        await Screens.ShotAsync(page, "feeds");
        await page.Context.CloseAsync();
    }
}
