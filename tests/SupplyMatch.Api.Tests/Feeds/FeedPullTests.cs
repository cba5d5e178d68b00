using System.Net;
using System.Text;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>Pulls through the real service: Hangfire runs the job, the loopback server plays the buyer or base system, PostgreSQL stores.</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedPullTests(FeedFixture f)
{
    private static (int Read, int Created, int Updated, int Unchanged, int Cancelled, int Kept, int Rejected) Counts(JsonElement run)
    {
        var c = run.GetProperty("counts");
        int N(string name) => c.GetProperty(name).GetInt32();
        return (N("read"), N("created"), N("updated"), N("unchanged"), N("cancelled"), N("kept"), N("rejected"));
    }

    private static Dictionary<string, JsonElement> ByQuantity(JsonElement lines) =>
        lines.EnumerateArray().ToDictionary(l => $"{l.GetProperty("quantityKg").GetInt32()}", l => l);

    [Fact]
    public async Task A_demand_feed_creates_the_buyers_lines_with_the_auth_header_sent_and_an_empty_rejection_report()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/happy.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "A-1", 1_100), Line(w, "A-2", 1_200, buyer: w.BuyerIds[0]), Line(w, "A-3", 1_300, product: w.ProductCodes[1]))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, authName: "Authorization", authValue: "Bearer t0ken");

        var run = await f.PullAsync(feed);
        Assert.Equal(("succeeded", 200, 1), (run.GetProperty("status").GetString(), run.GetProperty("httpStatus").GetInt32(), run.GetProperty("attempts").GetInt32()));
        Assert.Equal((3, 3, 0, 0, 0, 0, 0), Counts(run));
        var lines = ByQuantity(await f.LinesAsync(w.BuyerKeys[0]));
        Assert.Equal(["1100", "1200", "1300"], lines.Keys.Order().ToList());
        Assert.Equal((w.ProductCodes[1], "first", Day(2), Day(4), 6.80m, "open", 1), (lines["1300"].GetProperty("productCode").GetString(),
            lines["1300"].GetProperty("minGrade").GetString(), lines["1300"].GetProperty("earliest").GetString(), lines["1300"].GetProperty("latest").GetString(),
            lines["1300"].GetProperty("maxLandedCnyPerKg").GetDecimal(), lines["1300"].GetProperty("status").GetString(), lines["1300"].GetProperty("version").GetInt32()));
        Assert.Equal("Bearer t0ken", Assert.Single(f.Server.Seen(path)).Headers["Authorization"]);
        var report = await f.Planner.GetStringAsync($"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}/rejected-rows");
        Assert.Equal("row,id,column,reason,code,reason_zh\n", report);
        var view = await (await f.Planner.GetAsync($"/api/v1/feeds/{feed}")).JsonAsync();
        Assert.DoesNotContain("t0ken", view.GetRawText(), StringComparison.Ordinal);
        Assert.True(view.GetProperty("hasAuthHeaderValue").GetBoolean());
    }

    [Fact]
    public async Task An_unchanged_feed_costs_a_304_and_an_identical_body_changes_nothing()
    {
        var w = await f.NewWorldAsync();
        var (tagged, plain) = ($"{w.Suffix}/etag.csv", $"{w.Suffix}/plain.csv");
        var body = Csv(Line(w, "U-1", 900), Line(w, "U-2", 950));
        f.Server.Script(tagged, FeedServer.Body(body, etag: "\"rev-7\""));
        f.Server.Script(plain, FeedServer.Body(body));
        var (feedA, feedB) = (await f.RegisterAsync("demand", w.BuyerIds[0], tagged), await f.RegisterAsync("demand", w.BuyerIds[1], plain));
        Assert.Equal((2, 2, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feedA)));
        Assert.Equal((2, 2, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feedB)));

        var notModified = await f.PullAsync(feedA);
        Assert.Equal(("notModified", 304), (notModified.GetProperty("status").GetString(), notModified.GetProperty("httpStatus").GetInt32()));
        Assert.Equal("\"rev-7\"", f.Server.Seen(tagged)[^1].Headers["If-None-Match"]);
        var identical = await f.PullAsync(feedB);
        Assert.Equal(("unchanged", 200), (identical.GetProperty("status").GetString(), identical.GetProperty("httpStatus").GetInt32()));
        foreach (var key in w.BuyerKeys)
        {
            Assert.All((await f.LinesAsync(key)).EnumerateArray(), l => Assert.Equal(1, l.GetProperty("version").GetInt32()));
        }
    }

    [Fact]
    public async Task A_changed_row_updates_its_line_and_the_revision_history_keeps_the_old_terms()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/change.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "C-1", 1_000), Line(w, "C-2", 2_000))), FeedServer.Body(Csv(Line(w, "C-2", 2_000), Line(w, "C-1", 1_500))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        await f.PullAsync(feed);
        var before = ByQuantity(await f.LinesAsync(w.BuyerKeys[0]))["1000"].GetProperty("id").GetString();

        Assert.Equal((2, 0, 1, 1, 0, 0, 0), Counts(await f.PullAsync(feed)));
        var after = ByQuantity(await f.LinesAsync(w.BuyerKeys[0]));
        Assert.Equal((before, 2), (after["1500"].GetProperty("id").GetString(), after["1500"].GetProperty("version").GetInt32()));
        var history = await (await f.Client(w.BuyerKeys[0]).GetAsync($"/api/v1/demand-lines/{before}/revisions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([(1, 1_000, $"feed:{feed}"), (2, 1_500, null)], history.EnumerateArray()
            .Select(r => (r.GetProperty("version").GetInt32(), r.GetProperty("quantityKg").GetInt32(), r.GetProperty("replacedBy").GetString())).ToList());
        await (await f.Client(w.BuyerKeys[1]).GetAsync($"/api/v1/demand-lines/{before}/revisions")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_snapshot_cancels_a_removed_row_but_a_line_already_in_a_published_round_stays()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/snapshot.csv";
        f.Server.Script(path,
            FeedServer.Body(Csv(Line(w, "S-1", 700, from: 20, to: 21))),
            FeedServer.Body(Csv(Line(w, "S-1", 700, from: 20, to: 21), Line(w, "S-2", 800, from: 20, to: 21), Line(w, "S-3", 900, from: 20, to: 21))),
            FeedServer.Body(Csv(Line(w, "S-2", 800, from: 20, to: 21))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        await f.PullAsync(feed);
        var round = await (await f.Planner.PostJsonAsync("/api/v1/rounds", new { horizonFrom = Day(20), horizonTo = Day(21), settings = new { timeLimitSeconds = 10 } }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var id = round.GetProperty("id").GetGuid();
        Assert.Equal("solved", (await Rounds.FinishedAsync(f.Planner, id)).GetProperty("status").GetString());
        await (await f.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((3, 2, 0, 1, 0, 0, 0), Counts(await f.PullAsync(feed)));
        Assert.Equal((1, 0, 0, 1, 1, 1, 0), Counts(await f.PullAsync(feed)));
        var status = ByQuantity(await f.LinesAsync(w.BuyerKeys[0])).ToDictionary(p => p.Key, p => p.Value.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["700"] = "open", ["800"] = "open", ["900"] = "cancelled" }, status);
    }

    [Fact]
    public async Task A_row_refused_for_an_unknown_product_is_taken_at_the_next_pull_of_the_same_file_once_the_product_exists()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/new-product.csv";
        var product = $"P{w.Suffix}-YAMBEAN";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "N-1", 1_000), Line(w, "N-2", 2_000, product: product)), etag: "\"same\""));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        Assert.Equal((2, 1, 0, 0, 0, 0, 1), Counts(await f.PullAsync(feed)));

        // The same file again, product still unknown: read in full (no If-None-Match), the row still refused and reported.
        var again = await f.PullAsync(feed);
        Assert.Equal(("succeeded", (2, 0, 0, 1, 0, 0, 1)), (again.GetProperty("status").GetString(), Counts(again)));
        Assert.False(f.Server.Seen(path)[^1].Headers.ContainsKey("If-None-Match"));

        (await f.Planner.PostJsonAsync("/api/v1/products", new { code = product, nameZh = "凉薯", nameEn = "Yam bean", category = "root_tuber", shelfLifeDays = 30,
            storage = "ambient", crateKg = 20 })).EnsureSuccessStatusCode();
        Assert.Equal((2, 1, 0, 1, 0, 0, 0), Counts(await f.PullAsync(feed)));
        Assert.Equal([w.ProductCodes[0], product], (await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray().Select(l => l.GetProperty("productCode").GetString()).Order().ToList());

        // Clean now: the next pull costs a 304.
        Assert.Equal("notModified", (await f.PullAsync(feed)).GetProperty("status").GetString());
        Assert.Equal("\"same\"", f.Server.Seen(path)[^1].Headers["If-None-Match"]);
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_row_column_and_reason_while_the_good_rows_of_the_file_are_accepted()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/mixed.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "M-1", 1_000), Line(w, "M-2", -5), Line(w, "M-3", 3_000), Line(w, "M-4", 4_000, product: "P-NOPE"),
            Line(w, "M-1", 5_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var run = await f.PullAsync(feed);
        Assert.Equal(("succeeded", (5, 2, 0, 0, 0, 0, 3)), (run.GetProperty("status").GetString(), Counts(run)));
        Assert.Equal(["1000", "3000"], ByQuantity(await f.LinesAsync(w.BuyerKeys[0])).Keys.Order().ToList());
        var report = (await f.Planner.GetStringAsync($"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}/rejected-rows")).Split('\n');
        Assert.Equal("3,M-2,quantity_kg,\"\"\"-5\"\" is not a positive whole number of kg\",quantity_not_positive,“-5”不是正整数公斤数", report[1]);
        Assert.Equal("5,M-4,product_code,\"unknown product code \"\"P-NOPE\"\": it is not in products.csv\",unknown_product,未知的产品代码“P-NOPE”：products.csv 中没有该产品",
            report[2]);
        Assert.StartsWith("6,M-1,id,\"duplicate id \"\"M-1\"\": row 2 has it already", report[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "not-utf8", "is not valid UTF-8")]
    [InlineData("csv", "wrong-header", "unknown column \"qty\"")]
    [InlineData("csv", "cut-quote", "is never closed")]
    [InlineData("json", "cut-json", "is not valid JSON")]
    [InlineData("json", "object", "must be a JSON array of objects")]
    [InlineData("csv", "workbook", "is an Excel workbook (.xlsx or .xls), not a CSV file")]
    [InlineData("json", "workbook", "is an Excel workbook (.xlsx or .xls), not a JSON file")]
    [InlineData("csv", "utf16", "the file is UTF-16 LE text (Excel's \"Unicode Text\"), not UTF-8; in Excel: save as \"CSV UTF-8 (comma delimited)\"")]
    [InlineData("json", "utf16", "the file is UTF-16 BE text (Excel's \"Unicode Text\"), not UTF-8")]
    public async Task A_file_that_cannot_be_read_fails_the_run_with_a_clear_message_and_changes_nothing(string format, string fault, string message)
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/{fault}.{format}";
        var good = format == "csv" ? Csv(Line(w, "K-1", 1_000)) : Encoding.UTF8.GetBytes($$"""[{"id":"K-1","productCode":"{{w.ProductCodes[0]}}","minGrade":"first","quantityKg":1000,"earliest":"{{Day(2)}}","latest":"{{Day(4)}}","maxLandedCnyPerKg":6.8,"minFreshnessPct":50}]""");
        byte[] bad = fault switch
        {
            "not-utf8" => [.. Csv(Line(w, "K-2", 1_000)), .. "K-3,,"u8, 0xC0, 0xB1, .. "\n"u8],
            "wrong-header" => Encoding.UTF8.GetBytes("id,qty\nK-1,5\n"),
            "cut-quote" => Encoding.UTF8.GetBytes(LinesHeader + $"\n\"K-2,,{w.ProductCodes[0]},first,1000"),
            "cut-json" => good[..^10],
            "workbook" => UploadRowProblemTests.Workbook("lines.xlsx"),
            "utf16" => Utf16(good, format == "csv" ? Encoding.Unicode : Encoding.BigEndianUnicode),
            _ => "{\"id\":\"K-1\"}"u8.ToArray(),
        };
        f.Server.Script(path, FeedServer.Body(good), FeedServer.Body(bad));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, format: format);
        Assert.Equal((1, 1, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feed)));

        var run = await f.PullAsync(feed);
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains(message, run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The file cannot be read, so nothing was changed", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("file_unreadable", run.GetProperty("errorCode").GetString());
        Assert.Contains(message, run.GetProperty("errorParams").GetProperty("reasons").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"{fault}.{format}", run.GetProperty("errorParams").GetProperty("reasonsZh").GetString(), StringComparison.Ordinal);
        var line = Assert.Single((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
        Assert.Equal(("open", 1, 1_000), (line.GetProperty("status").GetString(), line.GetProperty("version").GetInt32(), line.GetProperty("quantityKg").GetInt32()));
    }

    /// <summary>The UTF-8 file saved as UTF-16 with its byte order mark, as Excel's "Unicode Text" (LE) saves it.</summary>
    private static byte[] Utf16(byte[] utf8, Encoding encoding) => [.. encoding.GetPreamble(), .. Encoding.Convert(Encoding.UTF8, encoding, utf8)];

    [Fact]
    public async Task A_feed_cannot_write_another_buyers_lines_and_such_rows_are_rejected()
    {
        var w = await f.NewWorldAsync();
        var theirs = await (await f.Client(w.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", w.Line(kg: 4_321))).ExpectAsync(HttpStatusCode.Created);
        var path = $"{w.Suffix}/owner.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "O-1", 1_000), Line(w, theirs.GetProperty("id").GetString()!, 9_999, buyer: w.BuyerIds[1]))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var run = await f.PullAsync(feed);
        Assert.Equal((2, 1, 0, 0, 0, 0, 1), Counts(run));
        var report = await f.Planner.GetStringAsync($"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}/rejected-rows");
        Assert.Contains($"buyer_id \"\"{w.BuyerIds[1]}\"\" is not the buyer this file is submitted for", report, StringComparison.Ordinal);
        var other = Assert.Single((await f.LinesAsync(w.BuyerKeys[1])).EnumerateArray());
        Assert.Equal((4_321, 1), (other.GetProperty("quantityKg").GetInt32(), other.GetProperty("version").GetInt32()));
        Assert.Equal(1_000, Assert.Single((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray()).GetProperty("quantityKg").GetInt32());
    }

    [Fact]
    public async Task A_csv_with_chinese_headers_and_grade_names_is_read()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/中文.csv";
        f.Server.Script(path, FeedServer.Body(ChineseCsv(w, ("Z-1", 600), ("Z-2", 650))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[1], path);
        Assert.Equal((2, 2, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feed)));
        var line = ByQuantity(await f.LinesAsync(w.BuyerKeys[1]))["650"];
        Assert.Equal((w.ProductCodes[1], "first", Day(3), 3.50m, 1), (line.GetProperty("productCode").GetString(), line.GetProperty("minGrade").GetString(),
            line.GetProperty("earliest").GetString(), line.GetProperty("maxLandedCnyPerKg").GetDecimal(), line.GetProperty("priority").GetInt32()));
    }

    [Fact]
    public async Task A_lot_its_snapshot_feed_cancelled_cannot_be_revised_by_its_base_and_stays_as_it_was()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/lots-snapshot.json";
        f.Server.Script(path, FeedServer.Body(LotsJson(w, ("X-1", 5_000, 3.20m), ("X-2", 6_000, 2.80m)), "application/json"),
            FeedServer.Body(LotsJson(w, ("X-2", 6_000, 2.80m)), "application/json"));
        var feed = await f.RegisterAsync("forecast", w.BaseIds[0], path, format: "json", mode: "snapshot");
        await f.PullAsync(feed);
        Assert.Equal((1, 0, 0, 1, 1, 0, 0), Counts(await f.PullAsync(feed)));
        var lots = (await f.LotsAsync(w.BaseKeys[0])).EnumerateArray()
            .ToDictionary(l => l.GetProperty("quantityKg").GetInt32(),
                l => (Id: l.GetProperty("id").GetString()!, Status: l.GetProperty("status").GetString(), Revision: l.GetProperty("revision").GetInt32()));
        Assert.Equal(("cancelled", "open"), (lots[5_000].Status, lots[6_000].Status));
        foreach (var (status, kg) in new[] { ("open", 6_000), ("cancelled", 5_000) })
        {
            var listed = await f.LotsAsync(w.BaseKeys[0], status);
            Assert.Equal(kg, Assert.Single(listed.EnumerateArray()).GetProperty("quantityKg").GetInt32());
        }

        var base0 = f.Client(w.BaseKeys[0]);
        var problem = await (await base0.PatchAsync($"/api/v1/lots/{lots[5_000].Id}", System.Net.Http.Json.JsonContent.Create(new { priceCnyPerKg = 2.95 }))).ExpectAsync(HttpStatusCode.Conflict, "lot_cancelled");
        Assert.Contains("snapshot feed no longer lists it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var cancelled = await (await base0.GetAsync($"/api/v1/lots/{lots[5_000].Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((3.20m, lots[5_000].Revision, "cancelled"), (cancelled.GetProperty("priceCnyPerKg").GetDecimal(), cancelled.GetProperty("revision").GetInt32(),
            cancelled.GetProperty("status").GetString()));
        await (await base0.PatchAsync($"/api/v1/lots/{lots[6_000].Id}", System.Net.Http.Json.JsonContent.Create(new { priceCnyPerKg = 2.95 }))).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_json_forecast_feed_posts_the_bases_lots_and_a_new_price_becomes_a_revision()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/lots.json";
        f.Server.Script(path, FeedServer.Body(LotsJson(w, ("H-1", 5_000, 3.20m), ("H-2", 6_000, 2.80m)), "application/json"),
            FeedServer.Body(LotsJson(w, ("H-1", 5_000, 3.05m)), "application/json"));
        var feed = await f.RegisterAsync("forecast", w.BaseIds[0], path, format: "json", mode: "incremental");
        Assert.Equal((2, 2, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feed)));
        Assert.Equal((1, 0, 1, 0, 0, 0, 0), Counts(await f.PullAsync(feed)));
        var lots = (await f.LotsAsync(w.BaseKeys[0])).EnumerateArray()
            .ToDictionary(l => l.GetProperty("quantityKg").GetInt32());
        Assert.Equal((3.05m, 2, "open"), (lots[5_000].GetProperty("priceCnyPerKg").GetDecimal(), lots[5_000].GetProperty("revision").GetInt32(), lots[5_000].GetProperty("status").GetString()));
        Assert.Equal((2.80m, 1), (lots[6_000].GetProperty("priceCnyPerKg").GetDecimal(), lots[6_000].GetProperty("revision").GetInt32()));
        var revisions = await (await f.Client(w.BaseKeys[0]).GetAsync($"/api/v1/lots/{lots[5_000].GetProperty("id").GetString()}/revisions")).JsonAsync();
        Assert.Equal([3.20m, 3.05m], revisions.EnumerateArray().Select(r => r.GetProperty("priceCnyPerKg").GetDecimal()).ToList());
    }
}
