using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

/// <summary>A buyer's demand lines, CSV upload with its row report, privacy of other buyers' lines, and deliveries.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BuyerTests(DashboardFixture dashboard)
{
    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_buyer_adds_a_line_after_correcting_the_fields_the_api_refused()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        await page.GetByTestId("add-line").Locator("xpath=..").Locator("summary").ClickAsync();
        var form = page.GetByTestId("add-line");
        await form.Locator("select[name=productCode]").SelectOptionAsync("P-TOMATO");
        await form.Locator("input[name=quantityKg]").FillAsync("1717");
        await form.Locator("input[name=earliest]").FillAsync(Day(5));
        await form.Locator("input[name=latest]").FillAsync(Day(3));
        await page.GetByTestId("add-line-submit").ClickAsync();
        await Assertions.Expect(form.GetByTestId("error")).ToContainTextAsync("Some fields need correcting:");
        await Assertions.Expect(form.GetByTestId("error")).ToContainTextAsync("Latest delivery: must not be before the earliest day");

        await form.Locator("input[name=latest]").FillAsync(Day(6));
        await page.GetByTestId("add-line-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("saved");
        await Assertions.Expect(page.GetByTestId("lines-table").Locator("tr", new() { HasTextString = "1,717" })).ToContainTextAsync("Tomato");

        var lines = await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync("/api/v1/demand-lines?limit=1000");
        Assert.Contains(lines.GetProperty("items").EnumerateArray(), l => l.GetProperty("quantityKg").GetInt32() == 1717 && l.GetProperty("latest").GetString() == Day(6));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_cancels_a_line_and_sees_it_cancelled_without_the_cancel_button()
    {
        var buyer = dashboard.Host.Api(DashboardFixture.Buyer);
        using var posted = await buyer.PostAsJsonAsync("/api/v1/demand-lines", new
        {
            productCode = "P-POTATO", minGrade = "second", quantityKg = 1_313, earliest = Day(8), latest = Day(9), maxLandedCnyPerKg = 3.10m, minFreshnessPercent = 40,
        });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        await page.GotoAsync($"/#/lines/{id}");
        await Assertions.Expect(page.GetByTestId("line-detail")).ToContainTextAsync("Open");
        await page.GetByTestId("cancel-line").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync($"Line {id} cancelled.");
        await Assertions.Expect(page.GetByTestId("line-detail").Locator("dl")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("cancel-line")).ToHaveCountAsync(0);
        Assert.Equal("cancelled", (await buyer.GetJsonAsync($"/api/v1/demand-lines/{id}")).GetProperty("status").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_reading_chinese_sees_a_refused_day_with_the_allowed_days_in_chinese()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer, "zh");
        await page.GetByTestId("add-line").Locator("xpath=..").Locator("summary").ClickAsync();
        var form = page.GetByTestId("add-line");
        await form.Locator("input[name=earliest]").FillAsync("2100-01-05");
        await form.Locator("input[name=latest]").FillAsync("2100-01-06");
        await page.GetByTestId("add-line-submit").ClickAsync();
        var error = form.GetByTestId("error");
        await Assertions.Expect(error).ToContainTextAsync("以下字段需要修改：");
        await Assertions.Expect(error.Locator("li")).ToHaveTextAsync(["最早交货: 必须在 2000-01-01 至 2099-12-31 之间。", "最晚交货: 必须在 2000-01-01 至 2099-12-31 之间。"]);
        Assert.DoesNotContain("must", await error.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_uploads_a_csv_with_one_bad_row_and_sees_the_row_error_while_the_good_rows_are_kept()
    {
        var kg = Random.Shared.Next(20_000, 29_000);
        var csv = new StringBuilder("需求编号,产品代码,最低等级,数量公斤,最早交货,最晚交货,最高到岸价,最低新鲜度\n")
            .Append(CultureInfo.InvariantCulture, $"U-1,P-CHOYSUM,first,{kg},{Day(3)},{Day(5)},6.80,50\n")
            .Append(CultureInfo.InvariantCulture, $"U-2,P-NOSUCH,first,{kg + 1},{Day(3)},{Day(5)},6.80,50\n")
            .Append(CultureInfo.InvariantCulture, $"U-3,P-POTATO,second,{kg + 2},{Day(3)},{Day(6)},3.10,40\n")
            .ToString();
        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer, "zh");
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = "lines.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByTestId("upload-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("已接收 2 行，拒收 1 行。");
        var errors = page.GetByTestId("upload-errors").Locator("tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(1);
        var cells = await errors.First.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["3", "U-2", "product_code"], cells.Take(3));
        Assert.Contains("P-NOSUCH", cells[3], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("lines-table")).ToContainTextAsync(kg.ToString("#,0", CultureInfo.InvariantCulture));
        await Screens.ShotAsync(page, "buyer-upload-zh", maxHeight: 1100);

        var stored = (await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync("/api/v1/demand-lines?limit=1000")).GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("quantityKg").GetInt32()).ToHashSet();
        Assert.Contains(kg, stored);
        Assert.Contains(kg + 2, stored);
        Assert.DoesNotContain(kg + 1, stored);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_sends_a_file_twice_and_sees_what_was_created_updated_or_unchanged_and_the_chinese_reason_of_a_bad_row()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string Row(int n, string product, int kg) => string.Create(CultureInfo.InvariantCulture, $"W{tag}-{n},{product},first,{kg},{Day(3)},{Day(5)},6.80,50\n");
        const string header = "需求编号,产品代码,最低等级,数量公斤,最早交货,最晚交货,最高到岸价,最低新鲜度\n";
        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer, "zh");

        await UploadAsync(page, header + Row(1, "P-CHOYSUM", 1_111) + Row(2, "P-CHOYSUM", -5) + Row(3, "P-POTATO", 3_333));
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("已接收 2 行，拒收 1 行。");
        await ExpectCountsAsync(page, created: 2, updated: 0, unchanged: 0);
        var errors = page.GetByTestId("upload-errors");
        await Assertions.Expect(errors.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(errors.GetByTestId("row-reason")).ToHaveTextAsync("“-5”不是正整数公斤数");
        await Assertions.Expect(errors.GetByTestId("row-reason")).ToHaveAttributeAsync("title", "\"-5\" is not a positive whole number of kg");
        await Assertions.Expect(errors.GetByTestId("row-code")).ToHaveTextAsync("quantity_not_positive");
        Assert.Equal(["3", $"W{tag}-2", "quantity_kg"], (await errors.Locator("tbody tr td").AllInnerTextsAsync()).Take(3));

        await UploadAsync(page, header + Row(1, "P-CHOYSUM", 1_111) + Row(2, "P-CHOYSUM", -5) + Row(3, "P-POTATO", 3_400) + Row(4, "P-POTATO", 4_444));
        await ExpectCountsAsync(page, created: 1, updated: 1, unchanged: 1);
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("已接收 3 行，拒收 1 行。");
        await Assertions.Expect(page.GetByTestId("upload-counts")).ToContainTextAsync("新增");
        await Assertions.Expect(page.GetByTestId("upload-counts")).ToContainTextAsync("未变");
        await Screens.ShotAsync(page, "buyer-upload-again-zh", maxHeight: 1100);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_who_edits_the_address_to_another_buyers_line_sees_not_found()
    {
        var me = await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync("/api/v1/me");
        var planner = dashboard.Host.Api(DashboardFixture.Planner);
        var other = (await planner.GetJsonAsync("/api/v1/buyers")).EnumerateArray().Select(b => b.GetProperty("id").GetString()!)
            .First(id => id != me.GetProperty("ownerId").GetString());
        var foreignLine = (await planner.GetJsonAsync($"/api/v1/demand-lines?buyerId={other}&limit=1")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var ownLine = (await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync("/api/v1/demand-lines?limit=1")).GetProperty("items")[0].GetProperty("id").GetString()!;

        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        await page.GotoAsync($"/#/lines/{ownLine}");
        await Assertions.Expect(page.GetByTestId("line-detail")).ToContainTextAsync($"Demand line {ownLine}");

        await page.GotoAsync($"/#/lines/{foreignLine}");
        await Assertions.Expect(page.GetByTestId("line-detail").GetByTestId("error")).ToContainTextAsync("Not found: it does not exist, or it is not yours.");
        Assert.DoesNotContain(other, await page.GetByTestId("line-detail").InnerTextAsync(), StringComparison.Ordinal);
        await Screens.ShotAsync(page, "buyer-foreign-line");

        await page.GotoAsync("/#/rounds");
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_with_many_cancelled_lines_sees_its_open_lines_a_page_at_a_time_and_the_cancelled_ones_on_request()
    {
        var key = await NewBuyerKeyAsync();
        var buyer = dashboard.Host.Api(key);
        var lines = Enumerable.Range(1, 130).Select(i => new
        {
            productCode = "P-CHOYSUM", minGrade = "first", quantityKg = 10_000 + i, earliest = Day(20), latest = Day(22),
            maxLandedCnyPerKg = 6.8m, minFreshnessPercent = 50, partialAllowed = true, priority = 3,
        }).ToList();
        using (var response = await buyer.PostAsJsonAsync("/api/v1/demand-lines/batch", new { lines }))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var ids = (await buyer.GetJsonAsync("/api/v1/demand-lines?limit=1000")).GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToList();
        Assert.Equal(130, ids.Count);
        var cancelled = ids.Where((_, i) => i % 5 == 0).ToHashSet();
        foreach (var id in cancelled)
        {
            using var response = await buyer.DeleteAsync($"/api/v1/demand-lines/{id}");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var page = await dashboard.SignedInAsync(key);
        var rows = page.GetByTestId("lines-table").Locator("tbody tr");
        Assert.Equal("open", await page.GetByTestId("lines-status").InputValueAsync());
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await Assertions.Expect(page.GetByTestId("lines-count")).ToHaveAttributeAsync("data-shown", "100");
        await page.GetByTestId("lines-more").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(130 - cancelled.Count);
        await Assertions.Expect(page.GetByTestId("lines-more")).ToHaveCountAsync(0);
        var shown = await page.GetByTestId("lines-table").Locator("tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(ids.Where(id => !cancelled.Contains(id)), shown);

        await page.GetByTestId("lines-status").SelectOptionAsync("cancelled");
        await Assertions.Expect(rows).ToHaveCountAsync(cancelled.Count);
        Assert.Equal(cancelled.Order(StringComparer.Ordinal), await page.GetByTestId("lines-table").Locator("tbody tr td:first-child").AllInnerTextsAsync());
        await Assertions.Expect(page.GetByTestId("lines-table").Locator("tbody tr", new() { HasTextString = "Open" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("lines-more")).ToHaveCountAsync(0);

        await page.GetByTestId("lines-status").SelectOptionAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await page.GetByTestId("lines-more").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(130);
        await page.Context.CloseAsync();
    }

    /// <summary>A key of a buyer of its own (a copy of the first buyer under a new id), so its lines are this test's only.</summary>
    private async Task<string> NewBuyerKeyAsync()
    {
        var planner = dashboard.Host.Api(DashboardFixture.Planner);
        var template = (await planner.GetJsonAsync("/api/v1/buyers"))[0];
        var id = $"Y-WEB-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(template.GetRawText())!;
        body["id"] = JsonSerializer.SerializeToElement(id);
        body.Remove("location");
        body["lat"] = template.GetProperty("location").GetProperty("lat");
        body["lon"] = template.GetProperty("location").GetProperty("lon");
        using (var response = await planner.PostAsJsonAsync("/api/v1/buyers", body))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        using var issued = await dashboard.Host.Api(DashboardFixture.Admin).PostAsJsonAsync("/api/v1/api-keys", new { role = "buyer", ownerId = id, name = "web test buyer" });
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = "lines.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByTestId("upload-submit").ClickAsync();
    }

    private static async Task ExpectCountsAsync(IPage page, int created, int updated, int unchanged)
    {
        var counts = page.GetByTestId("upload-counts");
        await Assertions.Expect(counts.Locator("[data-count=createdCount]")).ToHaveTextAsync(created.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(counts.Locator("[data-count=updatedCount]")).ToHaveTextAsync(updated.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(counts.Locator("[data-count=unchangedCount]")).ToHaveTextAsync(unchanged.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_buyer_sees_its_allocations_and_expected_deliveries_of_the_published_round()
    {
        var round = await Rounds.PublishedAsync(dashboard.Host.Api(DashboardFixture.Planner));
        var plan = await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync($"/api/v1/my/deliveries?roundId={round}");
        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        await page.GotoAsync("/#/deliveries");
        var deliveries = plan.GetProperty("deliveries").EnumerateArray().ToList();
        await Assertions.Expect(page.GetByTestId("deliveries-table").Locator("tbody tr")).ToHaveCountAsync(deliveries.Count);
        var bases = deliveries.DistinctBy(d => d.GetProperty("baseId").GetString()).Select(d => (d.GetProperty("baseId").GetString()!, d.GetProperty("baseNameEn").GetString()!));
        foreach (var (id, name) in bases)
        {
            // A buyer does not read the bases' reference data: the base is named from its own plan, not shown as an id.
            await Assertions.Expect(page.GetByTestId("deliveries-table").Locator($"[data-base='{id}']").First).ToHaveTextAsync(name);
        }

        Assert.Equal(deliveries.Sum(d => d.GetProperty("kg").GetInt64()).ToString(CultureInfo.InvariantCulture), await page.GetByTestId("delivered-kg").GetAttributeAsync("data-value"));
        Assert.Contains(round[^8..], await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(plan.GetProperty("basis").GetString(), await page.GetByTestId("plan-basis").GetAttributeAsync("data-basis"));
        var unmet = plan.GetProperty("unmet").GetArrayLength();
        Assert.Equal(unmet, unmet == 0 ? 0 : await page.GetByTestId("my-unmet-table").Locator("tbody tr").CountAsync());
        await Screens.ShotAsync(page, "buyer-deliveries");
        await page.Context.CloseAsync();
    }
}
