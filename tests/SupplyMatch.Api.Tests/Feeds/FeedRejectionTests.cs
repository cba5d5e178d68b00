using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using SupplyMatch.Api.Tests.Infrastructure;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>The rejected rows of a run, as a CSV download (rejected-rows) and as JSON (rejections).</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedRejectionTests(FeedFixture f)
{
    [Fact]
    public async Task The_json_rejections_of_a_run_are_the_rows_of_its_csv_report_in_the_same_order()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/rejections.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "J-1", 1_000), Line(w, "J-2", -5), Line(w, "J-3", 3_000, product: "P-NOPE"),
            Line(w, "J-4", 4_000, buyer: w.BuyerIds[1]), Line(w, "J-1", 5_000), Line(w, "J-6", 6_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var run = await f.PullAsync(feed);
        var rejected = run.GetProperty("counts").GetProperty("rejected").GetInt32();
        Assert.Equal(4, rejected);
        var runPath = $"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}";

        var json = await (await f.Planner.GetAsync(runPath + "/rejections")).ExpectAsync(HttpStatusCode.OK);
        var fromJson = json.EnumerateArray().Select(r => new[]
        {
            r.GetProperty("row").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(r, "externalId"), Text(r, "column"), Text(r, "message"),
            Text(r, "code"), Text(r, "reasonZh"),
        }).ToList();
        var csv = ParseCsv(await f.Planner.GetStringAsync(runPath + "/rejected-rows"));
        Assert.Equal(["row", "id", "column", "reason", "code", "reason_zh"], csv[0]);
        Assert.Equal(csv.Skip(1).ToList(), fromJson);
        Assert.Equal(rejected, fromJson.Count);
        Assert.Equal([("3", "J-2", "quantity_kg"), ("4", "J-3", "product_code"), ("5", "J-4", "buyer_id"), ("6", "J-1", "id")],
            fromJson.Select(r => (r[0], r[1], r[2])).ToList());
        Assert.Contains(fromJson, r => r[3].Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_rejected_row_of_a_run_has_its_code_and_its_reason_in_chinese_with_the_rows_values()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/codes.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "C-1", 1_000), Line(w, "C-2", -5), Line(w, "C-3", 3_000, product: "P-NOPE"),
            Line(w, "C-4", 4_000, buyer: w.BuyerIds[1]), Line(w, "C-1", 5_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var run = await f.PullAsync(feed);
        var runPath = $"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}";

        var json = await (await f.Client(w.BuyerKeys[0]).GetAsync(runPath + "/rejections")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [
                (3, "quantity_kg", "quantity_not_positive", "\"-5\" is not a positive whole number of kg", "“-5”不是正整数公斤数"),
                (4, "product_code", "unknown_product", "unknown product code \"P-NOPE\": it is not in products.csv", "未知的产品代码“P-NOPE”：products.csv 中没有该产品"),
                (5, "buyer_id", "not_own_buyer",
                    $"buyer_id \"{w.BuyerIds[1]}\" is not the buyer this file is submitted for (\"{w.BuyerIds[0]}\"); leave the cell empty or write {w.BuyerIds[0]}",
                    $"采购商编号“{w.BuyerIds[1]}”不是本文件所属的采购商（“{w.BuyerIds[0]}”）；请留空或填写 {w.BuyerIds[0]}"),
                (6, "id", "duplicate_id", "duplicate id \"C-1\": row 2 has it already", "需求编号“C-1”重复：第 2 行已使用该编号"),
            ],
            json.EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), Text(r, "column"), Text(r, "code"), Text(r, "message"), Text(r, "reasonZh"))).ToList());
        var csv = ParseCsv(await f.Planner.GetStringAsync(runPath + "/rejected-rows"));
        Assert.Equal(["quantity_not_positive", "“-5”不是正整数公斤数"], csv[1][4..]);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_fails_the_run_and_its_file_error_has_a_code_and_a_chinese_reason()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/object.json";
        f.Server.Script(path, FeedServer.Body("{\"id\":\"K-1\"}"u8.ToArray()));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, format: "json");
        var run = await f.PullAsync(feed);
        Assert.Equal("failed", run.GetProperty("status").GetString());

        var json = await (await f.Planner.GetAsync($"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}/rejections")).ExpectAsync(HttpStatusCode.OK);
        var error = Assert.Single(json.EnumerateArray());
        Assert.Equal((0, "json_not_array", "the file must be a JSON array of objects ([{...}, {...}]); it is a JSON object",
            "文件必须是由对象组成的 JSON 数组（[{...}, {...}]）；实际是 JSON 对象"),
            (error.GetProperty("row").GetInt32(), Text(error, "code"), Text(error, "message"), Text(error, "reasonZh")));
    }

    [Fact]
    public async Task A_json_object_naming_a_column_twice_is_rejected_and_its_line_is_kept_while_the_other_rows_are_taken()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/twice.json";
        string Row(string id, int kg, string extra = "") =>
            $$"""{"id":"{{id}}","productCode":"{{w.ProductCodes[0]}}","minGrade":"first","quantityKg":{{kg}},"earliest":"{{Day(2)}}","latest":"{{Day(4)}}","maxLandedCnyPerKg":6.8,"minFreshnessPct":50{{extra}}}""";
        f.Server.Script(path,
            FeedServer.Body(Json(Row("T-1", 1_000), Row("T-2", 2_000)), "application/json"),
            FeedServer.Body(Json(Row("T-1", 1_100), Row("T-2", 2_000, $",\"product_code\":\"{w.ProductCodes[1]}\""), Row("T-3", 3_000, ",\"quantity_kg\":3000")),
                "application/json"));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, format: "json", mode: "snapshot");
        await f.PullAsync(feed);

        var run = await f.PullAsync(feed);
        Assert.Equal((3, 0, 1, 0, 0, 0, 2), (run.GetProperty("counts").GetProperty("read").GetInt32(), run.GetProperty("counts").GetProperty("created").GetInt32(),
            run.GetProperty("counts").GetProperty("updated").GetInt32(), run.GetProperty("counts").GetProperty("unchanged").GetInt32(),
            run.GetProperty("counts").GetProperty("cancelled").GetInt32(), run.GetProperty("counts").GetProperty("kept").GetInt32(),
            run.GetProperty("counts").GetProperty("rejected").GetInt32()));
        var json = await (await f.Planner.GetAsync($"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}/rejections")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [
                (2, "T-2", "product_code", "column_repeated", "column product_code (产品代码) appears more than once", "列 product_code（产品代码）出现了不止一次"),
                (3, "T-3", "quantity_kg", "column_repeated", "column quantity_kg (数量公斤) appears more than once", "列 quantity_kg（数量公斤）出现了不止一次"),
            ],
            json.EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), Text(r, "externalId"), Text(r, "column"), Text(r, "code"), Text(r, "message"),
                Text(r, "reasonZh"))).ToList());
        var lines = (await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray()
            .Select(l => (l.GetProperty("quantityKg").GetInt32(), l.GetProperty("productCode").GetString(), l.GetProperty("status").GetString())).Order().ToList();
        Assert.Equal([(1_100, w.ProductCodes[0], "open"), (2_000, w.ProductCodes[0], "open")], lines);
    }

    [Fact]
    public async Task Rejected_rows_stored_before_codes_were_kept_still_read_with_null_code_and_chinese_reason()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/old.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "H-1", 1_000), Line(w, "H-2", 0))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var runId = (await f.PullAsync(feed)).GetProperty("id").GetGuid();
        await using (var db = new NpgsqlConnection(f.ConnectionString))
        {
            await db.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO supplymatch.feed_run_rejections (run_id, seq, row_no, external_id, column_name, message)
                VALUES (@run, 99, 7, 'H-7', 'quantity_kg', '"-1" is not a positive whole number of kg')
                """, db);
            insert.Parameters.AddWithValue("run", runId);
            await insert.ExecuteNonQueryAsync();
        }

        var runPath = $"/api/v1/feeds/{feed}/runs/{runId}";
        var rows = (await (await f.Planner.GetAsync(runPath + "/rejections")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(("quantity_not_positive", "“0”不是正整数公斤数"), (Text(rows[0], "code"), Text(rows[0], "reasonZh")));
        Assert.Equal((7, "H-7", "\"-1\" is not a positive whole number of kg", JsonValueKind.Null, JsonValueKind.Null),
            (rows[1].GetProperty("row").GetInt32(), Text(rows[1], "externalId"), Text(rows[1], "message"),
                rows[1].GetProperty("code").ValueKind, rows[1].GetProperty("reasonZh").ValueKind));
        var csv = ParseCsv(await f.Planner.GetStringAsync(runPath + "/rejected-rows"));
        Assert.Equal(["7", "H-7", "quantity_kg", "\"-1\" is not a positive whole number of kg", "", ""], csv[2]);
    }

    [Fact]
    public async Task The_json_rejections_follow_the_csv_reports_rules_for_owners_other_buyers_bases_and_unknown_runs()
    {
        var w = await f.NewWorldAsync();
        var (pathA, pathB) = ($"{w.Suffix}/own.csv", $"{w.Suffix}/other.csv");
        f.Server.Script(pathA, FeedServer.Body(Csv(Line(w, "N-1", 1_000), Line(w, "N-2", 0))));
        f.Server.Script(pathB, FeedServer.Body(Csv(Line(w, "N-3", 1_000))));
        var (feedA, feedB) = (await f.RegisterAsync("demand", w.BuyerIds[0], pathA), await f.RegisterAsync("demand", w.BuyerIds[1], pathB));
        var runA = (await f.PullAsync(feedA)).GetProperty("id").GetGuid();
        var runB = (await f.PullAsync(feedB)).GetProperty("id").GetGuid();

        foreach (var report in new[] { "rejections", "rejected-rows" })
        {
            var own = await f.Client(w.BuyerKeys[0]).GetAsync($"/api/v1/feeds/{feedA}/runs/{runA}/{report}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Contains("quantity_kg", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await (await f.Client(w.BuyerKeys[1]).GetAsync($"/api/v1/feeds/{feedA}/runs/{runA}/{report}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
            await (await f.Client(w.BaseKeys[0]).GetAsync($"/api/v1/feeds/{feedA}/runs/{runA}/{report}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
            await (await f.Planner.GetAsync($"/api/v1/feeds/{feedA}/runs/{runB}/{report}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
            await (await f.Planner.GetAsync($"/api/v1/feeds/{feedA}/runs/{Guid.NewGuid()}/{report}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        }

        var empty = await (await f.Client(w.BuyerKeys[1]).GetAsync($"/api/v1/feeds/{feedB}/runs/{runB}/rejections")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, empty.ValueKind);
        Assert.Equal(0, empty.GetArrayLength());
    }

    private static string Text(JsonElement row, string name) => row.GetProperty(name).GetString() ?? "";

    /// <summary>Reads RFC 4180 CSV (quoted fields, doubled quotes) into rows of fields, independently of the service's reader.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var (rows, fields, field, quoted) = (new List<string[]>(), new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (c == '\n')
                {
                    rows.Add([.. fields]);
                    fields.Clear();
                }
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
