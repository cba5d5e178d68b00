using System.Net;
using System.Text;
using System.Text.Json;
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
        }).ToList();
        var csv = ParseCsv(await f.Planner.GetStringAsync(runPath + "/rejected-rows"));
        Assert.Equal(["row", "id", "column", "reason"], csv[0]);
        Assert.Equal(csv.Skip(1).ToList(), fromJson);
        Assert.Equal(rejected, fromJson.Count);
        Assert.Equal([("3", "J-2", "quantity_kg"), ("4", "J-3", "product_code"), ("5", "J-4", "buyer_id"), ("6", "J-1", "id")],
            fromJson.Select(r => (r[0], r[1], r[2])).ToList());
        Assert.Contains(fromJson, r => r[3].Contains('"', StringComparison.Ordinal));
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
