using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>
/// Sending a lines file again: rows are keyed by (buyer, the file's id), so a second or corrected upload updates or
/// leaves the buyer's lines instead of adding them again. Each case runs on PostgreSQL and on the embedded store.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DemandReuploadTests(ApiFixture api, EmbeddedApiFixture embedded) : IClassFixture<EmbeddedApiFixture>
{
    public const string Postgres = "postgres";
    public const string Embedded = "embedded";

    private const string Header = "id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority\n";

    /// <summary>The service on one store, a world of its own, and the planner whose rounds stay queued there.</summary>
    private sealed record Service(ApiHost Host, HttpClient Planner, HttpClient RoundPlanner, World World)
    {
        public HttpClient Buyer(int i) => Host.Client(World.BuyerKeys[i]);
    }

    // Delivery days 30 to 33 keep these lines out of the rounds other tests create over the coming week.
    private static string Day(int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Row(World w, string id, int kg, decimal price = 6.80m) =>
        $"{id},{w.ProductCodes[0]},first,{kg},{Day(30)},{Day(33)},{price.ToString(CultureInfo.InvariantCulture)},50,true,2\n";

    /// <summary>A file with a buyer_id column, as a planner sends it.</summary>
    private static string PlannerFile(World w, string buyerId, string id, int kg) =>
        Header.Replace("id,", "id,buyer_id,", StringComparison.Ordinal) + Row(w, id, kg).Replace($"{id},", $"{id},{buyerId},", StringComparison.Ordinal);

    private async Task<Service> ServiceAsync(string store) => store == Postgres
        ? new Service(api.Host, api.Planner, api.HeldPlanner, await api.NewWorldAsync())
        : new Service(embedded.Host, embedded.Planner, embedded.Planner, await embedded.Host.NewWorldAsync(embedded.Planner));

    private static async Task<JsonElement> UploadAsync(HttpClient client, string csv) =>
        await (await client.PostAsync("/api/v1/demand-lines/upload?fileName=lines.csv", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>(created, updated, unchanged, accepted, rejected) of a report.</summary>
    private static (int, int, int, int, int) Counts(JsonElement r) => (r.GetProperty("createdCount").GetInt32(), r.GetProperty("updatedCount").GetInt32(),
        r.GetProperty("unchangedCount").GetInt32(), r.GetProperty("acceptedCount").GetInt32(), r.GetProperty("rejectedCount").GetInt32());

    private static List<(int Row, string Id, string Outcome)> Outcomes(JsonElement report) => report.GetProperty("accepted").EnumerateArray()
        .Select(a => (a.GetProperty("row").GetInt32(), a.GetProperty("id").GetString()!, a.GetProperty("outcome").GetString()!)).ToList();

    private static Dictionary<string, string> LineIds(JsonElement report) =>
        report.GetProperty("accepted").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("lineId").GetString()!);

    private static List<(int Row, string? Id, string? Column, string Reason)> Rejected(JsonElement report) => report.GetProperty("rejected").EnumerateArray()
        .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("id").GetString(), r.GetProperty("column").GetString(), r.GetProperty("reason").GetString()!))
        .ToList();

    private static async Task<List<JsonElement>> LinesAsync(HttpClient buyer) =>
        [.. (await (await buyer.GetAsync("/api/v1/demand-lines?limit=100")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> LineAsync(HttpClient client, string lineId) =>
        await (await client.GetAsync($"/api/v1/demand-lines/{lineId}")).ExpectAsync(HttpStatusCode.OK);

    private static async Task<List<(int Version, int Kg)>> RevisionsAsync(HttpClient client, string lineId) =>
        [.. (await (await client.GetAsync($"/api/v1/demand-lines/{lineId}/revisions")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(r => (r.GetProperty("version").GetInt32(), r.GetProperty("quantityKg").GetInt32()))];

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task Sending_the_same_file_twice_creates_no_duplicates_and_the_second_report_lists_every_row_unchanged(string store)
    {
        var s = await ServiceAsync(store);
        var buyer = s.Buyer(0);
        var csv = Header + Row(s.World, "PO-1", 1_000) + Row(s.World, "PO-2", 1_300) + Row(s.World, "PO-3", 1_600);
        var first = await UploadAsync(buyer, csv);
        Assert.Equal((3, 0, 0, 3, 0), Counts(first));
        Assert.Equal([(2, "PO-1", "created"), (3, "PO-2", "created"), (4, "PO-3", "created")], Outcomes(first));

        var second = await UploadAsync(buyer, csv);
        Assert.Equal((0, 0, 3, 3, 0), Counts(second));
        Assert.Equal([(2, "PO-1", "unchanged"), (3, "PO-2", "unchanged"), (4, "PO-3", "unchanged")], Outcomes(second));
        Assert.Equal(LineIds(first), LineIds(second));
        var lines = await LinesAsync(buyer);
        Assert.Equal(LineIds(first).Values.Order(StringComparer.Ordinal), lines.Select(l => l.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(1, l.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task A_corrected_file_updates_the_changed_line_keeping_its_old_version_and_reports_the_other_rows_unchanged(string store)
    {
        var s = await ServiceAsync(store);
        var buyer = s.Buyer(0);
        var ids = LineIds(await UploadAsync(buyer, Header + Row(s.World, "PO-1", 1_000) + Row(s.World, "PO-2", 1_300) + Row(s.World, "PO-3", 1_600)));

        var report = await UploadAsync(buyer,
            Header + Row(s.World, "PO-1", 1_000) + Row(s.World, "PO-2", 2_000, 7.10m) + Row(s.World, "PO-3", 1_600) + Row(s.World, "PO-4", 900));
        Assert.Equal((1, 1, 2, 4, 0), Counts(report));
        Assert.Equal([(2, "PO-1", "unchanged"), (3, "PO-2", "updated"), (4, "PO-3", "unchanged"), (5, "PO-4", "created")], Outcomes(report));
        Assert.Equal(ids["PO-2"], LineIds(report)["PO-2"]);
        var changed = await LineAsync(buyer, ids["PO-2"]);
        Assert.Equal((2_000, 7.10m, 2, "open"), (changed.GetProperty("quantityKg").GetInt32(), changed.GetProperty("maxLandedCnyPerKg").GetDecimal(),
            changed.GetProperty("version").GetInt32(), changed.GetProperty("status").GetString()));
        Assert.Equal([(1, 1_300), (2, 2_000)], await RevisionsAsync(buyer, ids["PO-2"]));
        Assert.Equal([(1, 1_000)], await RevisionsAsync(buyer, ids["PO-1"]));
        Assert.Equal(4, (await LinesAsync(buyer)).Count);
    }

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task An_id_repeated_in_one_file_rejects_the_later_row_and_the_line_keeps_the_earlier_rows_terms(string store)
    {
        var s = await ServiceAsync(store);
        var buyer = s.Buyer(0);
        var first = await UploadAsync(buyer, Header + Row(s.World, "PO-1", 1_000) + Row(s.World, "PO-2", 1_300) + Row(s.World, "PO-1", 5_000));
        Assert.Equal((2, 0, 0, 2, 1), Counts(first));
        Assert.Equal([(4, "PO-1", "id", "duplicate id \"PO-1\": row 2 has it already")], Rejected(first));

        var again = await UploadAsync(buyer, Header + Row(s.World, "PO-1", 1_000) + Row(s.World, "PO-1", 7_000));
        Assert.Equal((0, 0, 1, 1, 1), Counts(again));
        Assert.Equal([(2, "PO-1", "unchanged")], Outcomes(again));
        Assert.Equal((3, "PO-1", "id"), Rejected(again).Select(r => (r.Row, r.Id, r.Column)).Single());
        var line = await LineAsync(buyer, LineIds(first)["PO-1"]);
        Assert.Equal((1_000, 1), (line.GetProperty("quantityKg").GetInt32(), line.GetProperty("version").GetInt32()));
        Assert.Equal(2, (await LinesAsync(buyer)).Count);
    }

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task The_key_is_the_lines_buyer_so_another_buyers_same_id_is_another_line_and_a_planners_file_meets_the_buyers_line(string store)
    {
        var s = await ServiceAsync(store);
        var (mine, theirs) = (s.Buyer(0), s.Buyer(1));
        var first = await UploadAsync(mine, Header + Row(s.World, "PO-1", 1_000));
        var other = await UploadAsync(theirs, Header + Row(s.World, "PO-1", 2_500));

        Assert.Equal([(2, "PO-1", "created")], Outcomes(other));
        Assert.NotEqual(LineIds(first)["PO-1"], LineIds(other)["PO-1"]);
        Assert.Equal([1_000], (await LinesAsync(mine)).Select(l => l.GetProperty("quantityKg").GetInt32()));
        Assert.Equal([2_500], (await LinesAsync(theirs)).Select(l => l.GetProperty("quantityKg").GetInt32()));

        var planner = await UploadAsync(s.Planner, PlannerFile(s.World, s.World.BuyerIds[0], "PO-1", 1_000));
        Assert.Equal([(2, "PO-1", "unchanged")], Outcomes(planner));
        Assert.Equal(LineIds(first)["PO-1"], LineIds(planner)["PO-1"]);
    }

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task A_changed_row_whose_line_a_round_holds_is_rejected_with_the_reason_and_the_line_stays_as_it_was(string store)
    {
        var s = await ServiceAsync(store);
        var buyer = s.Buyer(0);
        var ids = LineIds(await UploadAsync(buyer, Header + Row(s.World, "PO-1", 1_000) + Row(s.World, "PO-2", 1_300)));
        await (await s.RoundPlanner.PostJsonAsync("/api/v1/rounds", new { horizonFrom = Day(30), horizonTo = Day(33), settings = new { timeLimitSeconds = 10 } }))
            .ExpectAsync(HttpStatusCode.Accepted);

        var report = await UploadAsync(buyer, Header + Row(s.World, "PO-1", 4_000) + Row(s.World, "PO-2", 1_300));
        Assert.Equal((0, 0, 1, 1, 1), Counts(report));
        Assert.Equal([(2, "PO-1", "id",
            $"demand line {ids["PO-1"]} (id \"PO-1\" in this file) is held by a matching round whose cutoff has passed; it can no longer be changed")],
            Rejected(report));
        var held = report.GetProperty("rejected")[0];
        Assert.Equal(("held_by_round", $"需求 {ids["PO-1"]}（本文件中的编号“PO-1”）已被截止时间已过的匹配轮次锁定，不能再修改"),
            (held.GetProperty("code").GetString(), held.GetProperty("reasonZh").GetString()));
        var line = await LineAsync(buyer, ids["PO-1"]);
        Assert.Equal((1_000, 1), (line.GetProperty("quantityKg").GetInt32(), line.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Swagger_documents_each_rows_outcome_and_the_counts()
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        var upload = doc.GetProperty("paths").GetProperty("/api/v1/demand-lines/upload").GetProperty("post");
        Assert.Contains("keyed by (buyer, id)", upload.GetProperty("description").GetString(), StringComparison.Ordinal);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        JsonElement Schema(string name) => schemas.EnumerateObject().Single(p => p.Name.Split('.')[^1] == name).Value;
        var report = Schema("DemandUploadReport").GetProperty("properties");
        Assert.All(["acceptedCount", "createdCount", "updatedCount", "unchangedCount", "rejectedCount"], p => Assert.True(report.TryGetProperty(p, out _), p));
        Assert.True(Schema("UploadedLine").GetProperty("properties").TryGetProperty("outcome", out _));
        Assert.Equal(["created", "updated", "unchanged"], Schema("UploadOutcome").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
