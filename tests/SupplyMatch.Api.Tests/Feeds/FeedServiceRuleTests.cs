using System.Net;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>
/// A feed's rows follow the service's rules for a new line or lot, as the API and the upload do: a row that breaks one is
/// rejected with its row, column, code and reasons, the good rows are merged, and a snapshot keeps what a rejected row stands for.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedServiceRuleTests(FeedFixture f)
{
    private const string Calendar = "must be between 2000-01-01 and 2099-12-31.";

    [Fact]
    public async Task Demand_rows_outside_the_calendar_above_the_quantity_limit_or_with_a_long_window_are_rejected_and_a_snapshot_keeps_their_lines()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/service-rules.csv";
        f.Server.Script(path,
            FeedServer.Body(Csv(Line(w, "R-1", 1_000), Line(w, "R-2", 2_000), Line(w, "R-3", 3_000), Line(w, "R-5", 5_000))),
            FeedServer.Body(Csv(Line(w, "R-4", 4_000), LineBetween(w, "R-2", 2_000, "2126-12-14", "2126-12-15"), Line(w, "R-3", 2_000_000_000),
                Line(w, "R-5", 5_000, from: 2, to: 63), LineBetween(w, "R-6", 6_000, "9999-12-30", "9999-12-31"), LineBetween(w, "R-7", 7_000, "0001-01-01", "0001-01-02"))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        Assert.Equal((4, 4, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feed)));

        var run = await f.PullAsync(feed);
        Assert.Equal(("succeeded", (6, 1, 0, 0, 1, 0, 5)), (run.GetProperty("status").GetString(), Counts(run)));
        var rejections = await RejectionsAsync(feed, run);
        Assert.Equal(
            [
                (3, "R-2", "earliest", "out_of_range"), (3, "R-2", "latest", "out_of_range"), (4, "R-3", "quantity_kg", "out_of_range"),
                (5, "R-5", "latest", "window_too_long"), (6, "R-6", "earliest", "out_of_range"), (6, "R-6", "latest", "out_of_range"),
                (7, "R-7", "earliest", "out_of_range"), (7, "R-7", "latest", "out_of_range"), (7, "R-7", "latest", "latest_in_past"),
            ],
            rejections.Select(r => (r.Row, r.Id, r.Column, r.Code)).ToList());
        Assert.Equal((Calendar, "必须在 2000-01-01 至 2099-12-31 之间。"), (rejections[0].Message, rejections[0].ReasonZh));
        Assert.Equal(("must be between 1 and 10000000.", "必须在 1 至 10000000 之间。"), (rejections[2].Message, rejections[2].ReasonZh));
        Assert.Equal(("must be at most 60 days after earliest.", "不能晚于最早交货日超过 60 天。"), (rejections[3].Message, rejections[3].ReasonZh));
        Assert.Equal(($"must not be before today ({Day(0)} CST).", $"不能早于今天（{Day(0)}，北京时间）。"), (rejections[8].Message, rejections[8].ReasonZh));

        var lines = (await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray().ToDictionary(l => l.GetProperty("quantityKg").GetInt32());
        Assert.Equal([1_000, 2_000, 3_000, 4_000, 5_000], lines.Keys.Order().ToList());
        Assert.Equal("cancelled", lines[1_000].GetProperty("status").GetString());
        Assert.All([2_000, 3_000, 4_000, 5_000], kg => Assert.Equal(("open", 1, Day(2), Day(4)), (lines[kg].GetProperty("status").GetString(),
            lines[kg].GetProperty("version").GetInt32(), lines[kg].GetProperty("earliest").GetString(), lines[kg].GetProperty("latest").GetString())));
    }

    [Fact]
    public async Task Forecast_rows_outside_the_calendar_above_the_quantity_limit_with_a_long_ship_window_or_in_the_past_are_rejected_and_a_snapshot_keeps_their_lots()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/service-rules.json";
        f.Server.Script(path,
            FeedServer.Body(Json(Lot(w, "H-1", 1_000), Lot(w, "H-2", 2_000), Lot(w, "H-3", 3_000), Lot(w, "H-5", 5_000)), "application/json"),
            FeedServer.Body(Json(Lot(w, "H-4", 4_000), Lot(w, "H-2", 2_000, to: "9999-12-31"), Lot(w, "H-3", 2_100_000_000), Lot(w, "H-5", 5_000, to: Day(62)),
                Lot(w, "H-6", 6_000, from: Day(-3), to: Day(-1))), "application/json"));
        var feed = await f.RegisterAsync("forecast", w.BaseIds[0], path, format: "json");
        Assert.Equal((4, 4, 0, 0, 0, 0, 0), Counts(await f.PullAsync(feed)));

        var run = await f.PullAsync(feed);
        Assert.Equal(("succeeded", (5, 1, 0, 0, 1, 0, 4)), (run.GetProperty("status").GetString(), Counts(run)));
        var rejections = await RejectionsAsync(feed, run);
        Assert.Equal(
            [
                (2, "H-2", "available_to", "out_of_range"), (2, "H-2", "available_to", "ship_window_too_long"), (3, "H-3", "quantity_kg", "out_of_range"),
                (4, "H-5", "available_to", "ship_window_too_long"), (5, "H-6", "available_to", "available_to_in_past"),
            ],
            rejections.Select(r => (r.Row, r.Id, r.Column, r.Code)).ToList());
        Assert.Equal((Calendar, "必须在 2000-01-01 至 2099-12-31 之间。"), (rejections[0].Message, rejections[0].ReasonZh));
        Assert.Equal(("must be at most 60 days after available_from (as a demand line's window).", "不能晚于可发货起超过 60 天（与需求的交货时间窗相同）。"),
            (rejections[3].Message, rejections[3].ReasonZh));
        Assert.Equal(($"must not be before today ({Day(0)} CST): the lot could no longer ship.", $"不能早于今天（{Day(0)}，北京时间）：该批次已无法发货。"),
            (rejections[4].Message, rejections[4].ReasonZh));

        var lots = (await f.LotsAsync(w.BaseKeys[0])).EnumerateArray()
            .ToDictionary(l => l.GetProperty("quantityKg").GetInt32());
        Assert.Equal([1_000, 2_000, 3_000, 4_000, 5_000], lots.Keys.Order().ToList());
        Assert.Equal("cancelled", lots[1_000].GetProperty("status").GetString());
        Assert.All([2_000, 3_000, 4_000, 5_000], kg => Assert.Equal(("open", 1, Day(3)), (lots[kg].GetProperty("status").GetString(),
            lots[kg].GetProperty("revision").GetInt32(), lots[kg].GetProperty("availableTo").GetString())));
    }

    [Fact]
    public async Task A_forecast_row_with_a_bad_price_also_reports_its_minimum_order_above_its_quantity_and_its_past_ship_window()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/several-problems.json";
        var bad = $$"""{"id":"M-1","productCode":"{{w.ProductCodes[0]}}","grade":"premium","harvestDate":"{{Day(-3)}}","availableFrom":"{{Day(-3)}}","availableTo":"{{Day(-1)}}","quantityKg":5000,"priceCnyPerKg":3.205,"minOrderKg":9000}""";
        f.Server.Script(path, FeedServer.Body(Json(Lot(w, "M-0", 1_000), bad), "application/json"));
        var feed = await f.RegisterAsync("forecast", w.BaseIds[0], path, format: "json");

        var run = await f.PullAsync(feed);

        Assert.Equal((2, 1, 0, 0, 0, 0, 1), Counts(run));
        Assert.Equal(
            [(2, "M-1", "price_cny_per_kg", "price_invalid"), (2, "M-1", "min_order_kg", "min_order_above_quantity"), (2, "M-1", "available_to", "available_to_in_past")],
            (await RejectionsAsync(feed, run)).Select(r => (r.Row, r.Id, r.Column, r.Code)).ToList());
    }

    private static (int Read, int Created, int Updated, int Unchanged, int Cancelled, int Kept, int Rejected) Counts(JsonElement run)
    {
        var c = run.GetProperty("counts");
        int N(string name) => c.GetProperty(name).GetInt32();
        return (N("read"), N("created"), N("updated"), N("unchanged"), N("cancelled"), N("kept"), N("rejected"));
    }

    private async Task<List<(int Row, string? Id, string? Column, string? Code, string? Message, string? ReasonZh)>> RejectionsAsync(string feed, JsonElement run)
    {
        var json = await (await f.Planner.GetAsync($"/api/v1/feeds/{feed}/runs/{run.GetProperty("id").GetGuid()}/rejections")).ExpectAsync(HttpStatusCode.OK);
        return json.EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("externalId").GetString(), r.GetProperty("column").GetString(),
            r.GetProperty("code").GetString(), r.GetProperty("message").GetString(), r.GetProperty("reasonZh").GetString())).ToList();
    }
}
