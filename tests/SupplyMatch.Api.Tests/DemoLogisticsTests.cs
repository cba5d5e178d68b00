using System.Net;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Api.Tests;

/// <summary>
/// A round with logistics on the demo week, through the real engine, store and Hangfire: the stored plan passes the
/// independent checker and every logistics endpoint agrees with it and with each other.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DemoLogisticsTests(DemoLogisticsFixture demo) : IClassFixture<DemoLogisticsFixture>
{
    private string Round => $"/api/v1/rounds/{demo.RoundId}";

    [Fact]
    public async Task The_stored_plan_passes_the_independent_checker_and_the_summary_states_its_figures()
    {
        var report = LogisticsChecker.Check(demo.Problem, demo.Plan, demo.Parameter.ToSettings());
        Assert.True(report.Ok, string.Join("; ", report.Issues.Take(5).Select(i => $"{i.Code}: {i.Message}")));
        Assert.NotEmpty(demo.Plan.Shipments);

        var summary = await (await demo.Planner.GetAsync($"{Round}/logistics")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(report.RecomputedObjectiveCny, summary.GetProperty("objectiveCny").GetDecimal());
        Assert.Equal(demo.Plan.Shipments.Count, summary.GetProperty("kpis").GetProperty("trucks").GetInt32());
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(demo.Plan.Status.ToString()), summary.GetProperty("status").GetString());
        Assert.Equal(demo.Plan.Statistics.GapPercent, summary.GetProperty("statistics").GetProperty("gapPercent").GetDouble());
        var round = await (await demo.Planner.GetAsync(Round)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(round.GetProperty("hasLogistics").GetBoolean());
        Assert.Equal(10, round.GetProperty("logistics").GetProperty("timeLimitSeconds").GetDouble());
    }

    [Fact]
    public async Task The_whole_plan_and_the_snapshot_served_pass_the_independent_checker_as_the_command_line_reads_them()
    {
        var snapshot = ProblemJson.Deserialize(await (await demo.Planner.GetAsync($"{Round}/snapshot")).Content.ReadAsStringAsync());
        var response = await demo.Planner.GetAsync($"{Round}/logistics/plan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = MatchingJson.DeserializeLogistics(await response.Content.ReadAsStringAsync());

        var report = LogisticsChecker.Check(snapshot, plan, demo.Parameter.ToSettings());

        Assert.True(report.Ok, string.Join("; ", report.Issues.Take(5).Select(i => $"{i.Code}: {i.Message}")));
        Assert.Equal(demo.Plan.ObjectiveCny, plan.ObjectiveCny);
        Assert.Equal(demo.Plan.Shipments.Select(s => s.Id), plan.Shipments.Select(s => s.Id));
        await (await demo.Planner.GetAsync($"/api/v1/rounds/{demo.PlainRoundId}/logistics/plan")).ExpectAsync(HttpStatusCode.Conflict, "logistics_not_planned");
    }

    [Fact]
    public async Task Shipment_pages_hold_every_truck_once_and_their_loads_sum_to_the_allocated_kg_of_each_line()
    {
        var shipments = await Pages.AllAsync(demo.Planner, $"{Round}/shipments", limit: 37);

        Assert.Equal(demo.Plan.Shipments.Select(s => s.Id), shipments.Select(s => s.GetProperty("id").GetString()));
        var loads = shipments.SelectMany(s => s.GetProperty("loads").EnumerateArray())
            .GroupBy(l => l.GetProperty("lineId").GetString()!).ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("kg").GetInt64()));
        var allocated = demo.Plan.Allocations.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Kg));
        Assert.Equal(allocated.OrderBy(p => p.Key), loads.OrderBy(p => p.Key));
        var summary = await (await demo.Planner.GetAsync($"{Round}/logistics")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(summary.GetProperty("kpis").GetProperty("allocatedKg").GetInt64(), loads.Values.Sum());
        Assert.All(shipments, s => Assert.True(s.GetProperty("loadKg").GetInt32() <= s.GetProperty("capacityKg").GetInt32()));
        Assert.All(shipments, s => Assert.Equal(s.GetProperty("loadKg").GetInt32(), s.GetProperty("loads").EnumerateArray().Sum(l => l.GetProperty("kg").GetInt32())));
    }

    [Fact]
    public async Task Shipment_filters_return_exactly_the_trucks_that_match()
    {
        var all = await Pages.AllAsync(demo.Planner, $"{Round}/shipments");
        var baseOfLot = demo.Problem.Lots.ToDictionary(l => l.Id, l => l.BaseId);
        var buyerOfLine = demo.Problem.Lines.ToDictionary(l => l.Id, l => l.BuyerId);
        var sample = all[all.Count / 2];
        var load = sample.GetProperty("loads")[0];
        var filters = new (string Query, Func<JsonElement, bool> Match)[]
        {
            ($"baseId={baseOfLot[load.GetProperty("lotId").GetString()!]}", s => Loads(s).Any(l => baseOfLot[l.GetProperty("lotId").GetString()!] == baseOfLot[load.GetProperty("lotId").GetString()!])),
            ($"buyerId={buyerOfLine[load.GetProperty("lineId").GetString()!]}", s => Loads(s).Any(l => buyerOfLine[l.GetProperty("lineId").GetString()!] == buyerOfLine[load.GetProperty("lineId").GetString()!])),
            ($"originId={Text(sample, "originId")}", s => Text(s, "originId") == Text(sample, "originId")),
            ($"destinationId={Text(sample, "destinationId")}", s => Text(s, "destinationId") == Text(sample, "destinationId")),
            ($"productCode={Text(load, "productCode")}", s => Loads(s).Any(l => Text(l, "productCode") == Text(load, "productCode"))),
            ($"day={Text(sample, "shipDay")}", s => Text(s, "shipDay") == Text(sample, "shipDay")),
            ($"vehicleTypeId={Text(sample, "vehicleTypeId")}&day={Text(sample, "shipDay")}",
                s => Text(s, "vehicleTypeId") == Text(sample, "vehicleTypeId") && Text(s, "shipDay") == Text(sample, "shipDay")),
        };
        foreach (var (query, match) in filters)
        {
            var filtered = await Pages.AllAsync(demo.Planner, $"{Round}/shipments?{query}", limit: 25);
            Assert.Equal(all.Where(match).Select(s => Text(s, "id")), filtered.Select(s => Text(s, "id")));
            Assert.Contains(filtered, s => Text(s, "id") == Text(sample, "id"));
        }
    }

    [Fact]
    public async Task Pickups_and_deliveries_add_up_to_the_plan_and_each_delivery_via_a_centre_is_on_a_route_or_unrouted()
    {
        var allocatedKg = demo.Plan.Allocations.Sum(a => (long)a.Kg);
        var pickups = await Pages.AllAsync(demo.Planner, $"{Round}/pickups", limit: 100);
        var deliveries = await Pages.AllAsync(demo.Planner, $"{Round}/deliveries", limit: 100);
        var routes = await Pages.AllAsync(demo.Planner, $"{Round}/routes");
        var unrouted = await Pages.AllAsync(demo.Planner, $"{Round}/routes/unrouted");

        Assert.Equal(allocatedKg, pickups.Sum(p => p.GetProperty("kg").GetInt64()));
        Assert.Equal(allocatedKg, deliveries.Sum(d => d.GetProperty("kg").GetInt64()));
        var baseId = Text(pickups[0], "baseId");
        var ofBase = await Pages.AllAsync(demo.Planner, $"{Round}/pickups?baseId={baseId}");
        Assert.Equal(pickups.Count(p => Text(p, "baseId") == baseId), ofBase.Count);
        foreach (var d in deliveries)
        {
            var leg = Text(d, "leg");
            if (d.GetProperty("dcId").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal("direct", leg);
                continue;
            }

            Assert.True(demo.Plan.Routing is null ? leg == "notRouted" : leg is "routed" or "partlyRouted" or "unrouted", $"delivery {d} is {leg}");
            // Every kg from a centre is on a route or listed as unrouted (none are routed when the plan routed nothing).
            Assert.Equal(demo.Plan.Routing is null ? 0 : d.GetProperty("kg").GetInt64(), Kg(d, "routedKg") + Kg(d, "unroutedKg"));
            Assert.Equal(Kg(d, "unroutedKg") > 0, d.GetProperty("unroutedReason").ValueKind == JsonValueKind.String);
            if (leg is "routed" or "partlyRouted")
            {
                var route = routes.Single(r => Text(r, "id") == Text(d, "routeId"));
                var stop = route.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("sequence").GetInt32() == d.GetProperty("stopSequence").GetInt32());
                Assert.Equal((Text(d, "buyerId"), Text(stop, "arrivalUtc")), (Text(stop, "buyerId"), Text(d, "etaUtc")));
            }
            else if (leg == "unrouted")
            {
                Assert.Contains(unrouted, u => Text(u, "buyerId") == Text(d, "buyerId") && Text(u, "dcId") == Text(d, "dcId") && Text(u, "day") == Text(d, "deliveryDay"));
            }
        }

        Assert.Equal(unrouted.Sum(u => u.GetProperty("kg").GetInt64()),
            deliveries.Where(d => d.GetProperty("dcId").ValueKind != JsonValueKind.Null).Sum(d => Kg(d, "unroutedKg")));
        Assert.Equal(routes.Sum(r => r.GetProperty("loadKg").GetInt64()),
            deliveries.Where(d => d.GetProperty("dcId").ValueKind != JsonValueKind.Null).Sum(d => Kg(d, "routedKg")));
    }

    [Fact]
    public async Task Each_delivery_is_expected_when_the_last_vehicle_carrying_that_delivery_arrives()
    {
        var deliveries = await Pages.AllAsync(demo.Planner, $"{Round}/deliveries", limit: 1000);
        var plan = demo.Plan;
        // The premises: a line delivered straight from trucks on two days, and a line whose kg ride on routes arriving at different times.
        Assert.Contains(plan.Deliveries.Where(d => d.DcId is null).GroupBy(d => d.LineId), g => g.Count() > 1);
        Assert.Contains(plan.Routes.SelectMany(r => r.Stops.SelectMany(s => s.LineIds.Select(l => (r.DcId, r.Day, l, s.ArrivalUtc))))
            .GroupBy(x => (x.DcId, x.Day, x.l)), g => g.Select(x => x.ArrivalUtc).Distinct().Count() > 1);

        foreach (var d in deliveries)
        {
            var (line, day) = (Text(d, "lineId"), DateOnly.Parse(Text(d, "deliveryDay"), System.Globalization.CultureInfo.InvariantCulture));
            if (Text(d, "leg") == "direct")
            {
                var trucks = plan.Allocations.Where(a => a.LineId == line && a.DeliveryDay == day && a.DcId is null)
                    .SelectMany(a => plan.Shipments.Where(s => (s.OriginId, s.DestinationId, s.ShipDay) == (a.LaneOriginId, a.LaneDestinationId, a.LaneDay)
                        && s.Loads.Any(l => (l.LotId, l.LineId) == (a.LotId, a.LineId))));
                Assert.Equal((line, day, trucks.Max(s => s.ArrivalUtc)), (line, day, d.GetProperty("etaUtc").GetDateTimeOffset()));
            }
            else if (Text(d, "leg") == "routed")
            {
                var visits = plan.Routes.Where(r => r.DcId == Text(d, "dcId") && r.Day == day)
                    .SelectMany(r => r.Stops.Where(s => s.BuyerId == Text(d, "buyerId") && s.LineIds.Contains(line)).Select(s => (r.Id, s.Sequence, s.ArrivalUtc)))
                    .ToList();
                var last = visits.Max(v => v.ArrivalUtc);
                Assert.Equal((line, day, last), (line, day, d.GetProperty("etaUtc").GetDateTimeOffset()));
                Assert.Contains((Text(d, "routeId"), d.GetProperty("stopSequence").GetInt32(), last), visits);
            }
        }
    }

    [Fact]
    public async Task Every_route_stops_only_at_buyers_its_centre_delivers_to_that_day_and_routes_filter_by_centre_day_and_buyer()
    {
        var deliveries = await Pages.AllAsync(demo.Planner, $"{Round}/deliveries");
        var routes = await Pages.AllAsync(demo.Planner, $"{Round}/routes", limit: 10);
        var served = deliveries.Where(d => d.GetProperty("dcId").ValueKind != JsonValueKind.Null)
            .Select(d => (Text(d, "dcId"), Text(d, "deliveryDay"), Text(d, "buyerId"))).ToHashSet();

        Assert.Equal(demo.Plan.Routes.Count, routes.Count);
        Assert.All(routes, r => Assert.All(r.GetProperty("stops").EnumerateArray(),
            s => Assert.Contains((Text(r, "dcId"), Text(r, "day"), Text(s, "buyerId")), served)));
        foreach (var r in routes.Take(3))
        {
            var buyer = Text(r.GetProperty("stops")[0], "buyerId");
            var filtered = await Pages.AllAsync(demo.Planner, $"{Round}/routes?dcId={Text(r, "dcId")}&day={Text(r, "day")}&buyerId={buyer}");
            Assert.Contains(filtered, f => Text(f, "id") == Text(r, "id"));
            Assert.All(filtered, f => Assert.Contains(f.GetProperty("stops").EnumerateArray(), s => Text(s, "buyerId") == buyer));
        }

        var none = await (await demo.Planner.GetAsync($"{Round}/routes?dcId=DC-NONE")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_published_plan_shows_a_buyer_only_its_deliveries_and_a_base_only_its_pickups()
    {
        var publish = await demo.Planner.PostAsync($"{Round}/publish", null);
        Assert.True(publish.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict);
        var buyer = demo.Host.Client("demo-buyer-key");
        var seller = demo.Host.Client("demo-base-key");
        var buyerId = Text(await (await buyer.GetAsync("/api/v1/me")).JsonAsync(), "ownerId");
        var baseId = Text(await (await seller.GetAsync("/api/v1/me")).JsonAsync(), "ownerId");

        var mine = await (await buyer.GetAsync($"/api/v1/my/logistics/deliveries?roundId={demo.RoundId}")).ExpectAsync(HttpStatusCode.OK);
        var picks = await (await seller.GetAsync($"/api/v1/my/logistics/pickups?roundId={demo.RoundId}")).ExpectAsync(HttpStatusCode.OK);

        var expected = await Pages.AllAsync(demo.Planner, $"{Round}/deliveries?buyerId={buyerId}");
        Assert.Equal(expected.Select(d => d.GetRawText()), mine.GetProperty("deliveries").EnumerateArray().Select(d => d.GetRawText()));
        // A filtered list places each delivery as the whole list does (route, ETA, routed and unrouted kg), not only picks it.
        var all = await Pages.AllAsync(demo.Planner, $"{Round}/deliveries", limit: 1000);
        Assert.Equal(all.Where(d => Text(d, "buyerId") == buyerId).Select(d => d.GetRawText()), expected.Select(d => d.GetRawText()));
        var day = Text(all[all.Count / 2], "deliveryDay");
        Assert.Equal(all.Where(d => Text(d, "deliveryDay") == day).Select(d => d.GetRawText()),
            (await Pages.AllAsync(demo.Planner, $"{Round}/deliveries?day={day}", limit: 1000)).Select(d => d.GetRawText()));
        Assert.Equal(demo.Plan.Deliveries.Where(d => d.BuyerId == buyerId).Sum(d => (long)d.Kg), mine.GetProperty("kg").GetInt64());
        Assert.Equal(demo.Plan.Pickups.Where(p => p.BaseId == baseId).Sum(p => (long)p.Kg), picks.GetProperty("kg").GetInt64());
        Assert.All(picks.GetProperty("pickups").EnumerateArray(), p => Assert.Equal(baseId, Text(p, "baseId")));
        await (await buyer.GetAsync($"/api/v1/my/logistics/deliveries?roundId={demo.PlainRoundId}")).ExpectAsync(HttpStatusCode.NotFound, "no_published_round");
        await (await buyer.GetAsync($"{Round}/deliveries")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Comparing_rounds_gives_logistics_kpi_deltas_only_when_both_have_a_plan()
    {
        var same = await (await demo.Planner.GetAsync($"/api/v1/rounds/compare?base={demo.RoundId}&other={demo.RoundId}")).ExpectAsync(HttpStatusCode.OK);
        var mixed = await (await demo.Planner.GetAsync($"/api/v1/rounds/compare?base={demo.PlainRoundId}&other={demo.RoundId}")).ExpectAsync(HttpStatusCode.OK);

        var deltas = same.GetProperty("logisticsKpis").EnumerateArray().ToList();
        Assert.All(deltas, d => Assert.Equal(0m, d.GetProperty("delta").GetDecimal()));
        Assert.Equal(demo.Plan.Kpis.Trucks, deltas.Single(d => Text(d, "kpi") == "trucks").GetProperty("other").GetDecimal());
        Assert.Equal(JsonValueKind.Null, mixed.GetProperty("logisticsKpis").ValueKind);
        await (await demo.Planner.GetAsync($"/api/v1/rounds/{demo.PlainRoundId}/shipments")).ExpectAsync(HttpStatusCode.Conflict, "logistics_not_planned");
    }

    private static long Kg(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? 0 : e.GetProperty(name).GetInt64();

    private static IEnumerable<JsonElement> Loads(JsonElement shipment) => shipment.GetProperty("loads").EnumerateArray();

    private static string Text(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : e.GetProperty(name).ToString();
}
