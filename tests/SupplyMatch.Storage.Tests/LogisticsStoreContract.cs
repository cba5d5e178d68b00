using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage.Tests.Infrastructure;

namespace SupplyMatch.Storage.Tests;

/// <summary>Hubs as reference data and the logistics plan of a round: the same contract on PostgreSQL and SQLite.</summary>
public abstract class LogisticsStoreContract<TFixture>(TFixture fixture)
    where TFixture : StoreFixture
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly CancellationToken _ct = CancellationToken.None;

    private Stores S => fixture.Stores;

    private LogisticsStore Logistics => new(fixture.Database);

    [Fact]
    public async Task Hubs_are_created_updated_read_and_carried_by_a_round_snapshot()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var hub = Hub(s);
        Assert.True(await S.Reference.Hubs.CreateAsync(hub, Samples.Planner, _ct));
        Assert.False(await S.Reference.Hubs.CreateAsync(hub, Samples.Planner, _ct));
        var changed = hub with { NameEn = "Baiyun DC (north)", HandlingCnyPerKg = 0.15m, HandlingHours = 2.5 };
        Assert.True(await S.Reference.Hubs.UpdateAsync(changed, Samples.Planner, _ct));
        Assert.False(await S.Reference.Hubs.UpdateAsync(changed with { Id = "DC-NONE-" + s.Suffix }, Samples.Planner, _ct));

        Assert.Equal(changed, await S.Reference.Hubs.GetAsync([hub.Id], _ct));
        Assert.Contains(changed, await S.Reference.Hubs.ListAsync(_ct));
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(), Samples.Planner, _ct);
        var snapshot = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        Assert.Contains(changed, snapshot!.Reference.Hubs);
    }

    [Fact]
    public async Task A_snapshot_written_before_hubs_existed_loads_with_no_hubs()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        await S.Reference.Hubs.CreateAsync(Hub(s), Samples.Planner, _ct);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(), Samples.Planner, _ct);
        var json = JsonNode.Parse(JsonSerializer.Serialize(await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct), SnapshotJson.Options))!;
        Assert.True(json["reference"]!.AsObject().Remove("hubs"));
        await using (var connection = await fixture.Database.OpenAsync(_ct))
        {
            await connection.Sql("UPDATE rounds SET snapshot_gzip = @s WHERE id = @id")
                .With("s", Gzip.Pack(json.ToJsonString())).With("id", round.Id).ExecuteAsync(_ct);
        }

        var old = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);

        Assert.Empty(old!.Reference.Hubs);
        Assert.Contains(s.Product, old.Reference.Products);
    }

    [Fact]
    public async Task A_logistics_plan_is_stored_with_the_result_and_read_back_whole_filtered_and_paged()
    {
        var (round, plan, problem, s) = await PlannedRoundAsync();

        var stored = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.True(stored!.HasLogistics);
        Assert.Equal(new RoundLogistics(true, 5, 1, false), stored.Logistics);
        var loaded = await new LogisticsStore(fixture.Database).LoadLogisticsAsync(round.Id, _ct);
        Assert.Equal(MatchingJson.Serialize(plan), MatchingJson.Serialize(loaded!));
        Assert.Empty(LogisticsChecker.Check(problem, loaded!, stored.Logistics!.ToSettings()).Issues);
        var summary = await Logistics.LoadSummaryAsync(round.Id, _ct);
        Assert.Equal((plan.ObjectiveCny, plan.Kpis.Trucks, plan.Statistics.GapPercent), (summary!.ObjectiveCny, summary.Kpis.Trucks, summary.Statistics.GapPercent));

        Assert.NotEmpty(plan.Shipments);
        var first = await Logistics.ListShipmentsAsync(round.Id, new ShipmentFilter(BaseId: s.Base.Id), 0, 1, _ct);
        var rest = await Logistics.ListShipmentsAsync(round.Id, new ShipmentFilter(BaseId: s.Base.Id), 1, 1000, _ct);
        Assert.Equal(plan.Shipments.Count, first!.Total);
        Assert.Equal(plan.Shipments.Select(x => x.Id), first.Items.Concat(rest!.Items).Select(x => x.Id));
        var day = plan.Shipments[0].ShipDay;
        var onDay = await Logistics.ListShipmentsAsync(round.Id, new ShipmentFilter(Day: day, ProductCode: s.Product.Code), 0, 1000, _ct);
        Assert.Equal(plan.Shipments.Count(x => x.ShipDay == day), onDay!.Total);
        Assert.Equal(0, (await Logistics.ListShipmentsAsync(round.Id, new ShipmentFilter(BuyerId: "nobody"), 0, 10, _ct))!.Total);
        var pickups = await Logistics.ListPickupsAsync(round.Id, s.Base.Id, null, 0, 1000, _ct);
        Assert.Equal(plan.Allocations.Sum(a => a.Kg), pickups!.Items.Sum(p => p.Kg));
        var deliveries = await Logistics.ListDeliveriesAsync(round.Id, s.Buyer.Id, null, 0, 1000, _ct);
        Assert.Equal(plan.Allocations.Sum(a => a.Kg), deliveries!.Items.Sum(d => d.Kg));
        Assert.All(deliveries.Items, d => Assert.Equal(
            (DeliveryLeg.Direct, plan.Shipments.Where(x => x.Loads.Any(l => l.LineId == d.LineId)).Max(x => x.ArrivalUtc)),
            (d.Leg, d.EtaUtc!.Value)));
    }

    [Fact]
    public async Task A_line_partly_on_a_route_and_partly_unrouted_shows_its_routed_and_unrouted_kg_and_why()
    {
        // A plan whose centre routed 3,000 of the buyer's 4,500 kg on a day and left 1,500 kg outside the receiving window.
        var day = default(DateOnly);
        var (lineA, lineB, dc, buyer) = ("", "", "DC-PARTLY", "");
        var arrival = DateTimeOffset.Parse("2026-06-03T01:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var (round, plan, _, _) = await PlannedRoundAsync(p =>
        {
            var byLine = p.Deliveries.GroupBy(d => d.LineId).Select(g => g.First() with { Kg = g.Sum(d => d.Kg) }).OrderByDescending(d => d.Kg).ToList();
            (lineA, lineB, buyer, day) = (byLine[0].LineId, byLine[1].LineId, byLine[0].BuyerId, byLine[0].DeliveryDay);
            var route = new DeliveryRoute("R-1", dc, day, "van-2t", false, 3_000, 3_000, 100, 24, arrival.AddMinutes(-40), arrival.AddMinutes(40), 300m, 6,
                [new RouteStop(1, buyer, 3_000, 0, [lineA, lineB], arrival, arrival, arrival.AddMinutes(30), 12)]);
            var left = new UnroutedDelivery(dc, day, buyer, 1_500, [lineA, lineB], SupplyMatch.Core.Routing.UnroutedReason.TimeWindow, "Earliest arrival after the window closes.");
            return p with { Deliveries = [.. byLine.Select(d => d with { DeliveryDay = day, DcId = dc })], Routes = [route], UnroutedDeliveries = [left] };
        });
        Assert.Equal((3_000, 1_500), (plan.Deliveries[0].Kg, plan.Deliveries[1].Kg));

        var deliveries = (await Logistics.ListDeliveriesAsync(round.Id, buyer, day, 0, 1000, _ct))!.Items.ToDictionary(d => d.LineId);

        // The buyer's kg are routed together: each line carries its share (a third) of the unrouted kg.
        Assert.Equal((DeliveryLeg.PartlyRouted, 2_000, 1_000, SupplyMatch.Core.Routing.UnroutedReason.TimeWindow, "R-1", arrival),
            (deliveries[lineA].Leg, deliveries[lineA].RoutedKg!.Value, deliveries[lineA].UnroutedKg!.Value, deliveries[lineA].UnroutedReason!.Value,
                deliveries[lineA].RouteId!, deliveries[lineA].EtaUtc!.Value));
        Assert.Equal((DeliveryLeg.PartlyRouted, 1_000, 500), (deliveries[lineB].Leg, deliveries[lineB].RoutedKg!.Value, deliveries[lineB].UnroutedKg!.Value));
        Assert.Equal(plan.UnroutedDeliveries.Sum(u => u.Kg), deliveries.Values.Sum(d => d.UnroutedKg));
        Assert.Equal(plan.Routes.Sum(r => r.LoadKg), deliveries.Values.Sum(d => d.RoutedKg));
    }

    [Fact]
    public async Task A_lot_sold_in_a_published_logistics_plan_is_not_revised_below_its_sold_kg()
    {
        var (round, plan, _, s) = await PlannedRoundAsync();
        var lot = s.Lot(1, 8_000);
        var sold = plan.Allocations.Where(a => a.LotId == lot.Id).Sum(a => a.Kg);
        Assert.True(sold is > 0 and < 8_000, $"sold {sold} kg: the premise of the test is gone");
        var free = await S.Forecasts.ReviseAsync(lot.Id, s.Base.Id, new LotRevisionRequest(7_900, null, null), s.BaseActor, _ct);
        Assert.Equal(RoundAction.Done, await S.Rounds.PublishRoundAsync(round.Id, Samples.Planner, _ct));

        var refused = await S.Forecasts.ReviseAsync(lot.Id, s.Base.Id, new LotRevisionRequest(sold - 1, 0, null), s.BaseActor, _ct);
        var kept = await S.Forecasts.GetAsync(lot.Id, null, _ct);
        var down = await S.Forecasts.ReviseAsync(lot.Id, s.Base.Id, new LotRevisionRequest(sold, 0, null), s.BaseActor, _ct);

        Assert.Equal(7_900, free.Lot!.Lot.QuantityKg);
        Assert.Equal(new LotRevisionOutcome(null, new LotSold(round.Id, sold)), refused);
        Assert.Equal(free.Lot, kept);
        Assert.Equal((sold, free.Lot.Revision + 1), (down.Lot!.Lot.QuantityKg, down.Lot.Revision));
    }

    [Fact]
    public async Task A_round_without_logistics_has_no_plan_and_a_schedule_keeps_its_logistics_parameter()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round() with { Logistics = new RoundLogistics(Enabled: false) }, Samples.Planner, _ct);
        await S.Rounds.TryStartRoundAsync(round.Id, "w", Lease, 3, _ct);
        await S.Rounds.SaveRoundResultAsync(round.Id, "w", s.Result([], s.Lot(1)), _ct);

        var stored = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Solved, false, null), (stored!.Status, stored.HasLogistics, stored.Logistics));
        Assert.Null(await Logistics.LoadLogisticsAsync(round.Id, _ct));
        Assert.Null(await Logistics.ListRoutesAsync(round.Id, new RouteFilter(), 0, 10, _ct));
        Assert.Null(await Logistics.LoadSummaryAsync(round.Id, _ct));

        var id = "s-" + Guid.NewGuid().ToString("N");
        var parameter = new RoundLogistics(true, 12, 2, UseHubs: false, RouteDeliveries: false);
        await S.Schedules.UpsertAsync(new RoundSchedule(id, "0 6 * * *", 1, 3, new MatchingSettings(), true, parameter), Samples.Planner, _ct);
        Assert.Equal(parameter, (await S.Schedules.GetAsync(id, _ct))!.Logistics);
    }

    private static Hub Hub(Samples s) =>
        new($"DC-{s.Suffix}", "广州白云分拨中心", "Baiyun DC", HubKind.GbaDc, s.City.Id, new GeoPoint(23.25, 113.27), 0.12m, 2.0);

    /// <summary>A solved round whose plan comes from the real planner on its own snapshot.</summary>
    private async Task<(RoundRecord Round, LogisticsResult Plan, MatchingProblem Problem, Samples Samples)> PlannedRoundAsync(
        Func<LogisticsResult, LogisticsResult>? stored = null)
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        await S.Demand.SubmitAsync([s.Line(1, 3_000), s.Line(2, 1_500)], s.BuyerActor, _ct);
        await S.Forecasts.PostAsync([s.Lot(1, 8_000)], s.BaseActor, _ct);
        var parameter = new RoundLogistics(true, 5, 1, UseHubs: false);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round() with { Logistics = parameter }, Samples.Planner, _ct);
        var problem = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        // Only this test's world: other tests share the database and their lines are in the snapshot too.
        var own = problem! with
        {
            Lots = problem.Lots.Where(l => l.BaseId == s.Base.Id).ToList(),
            Lines = problem.Lines.Where(l => l.BuyerId == s.Buyer.Id).ToList(),
        };
        var plan = LogisticsPlanner.Plan(own, parameter.ToSettings(), _ct);
        plan = stored?.Invoke(plan) ?? plan;
        Assert.Equal(StartOutcome.Started, await S.Rounds.TryStartRoundAsync(round.Id, "w", Lease, 3, _ct));
        Assert.True(await S.Rounds.SaveRoundResultAsync(round.Id, "w", Matcher.Solve(own, _ct), plan, _ct));
        return (round, plan, own, s);
    }
}

public sealed class PostgresLogisticsStoreTests(PostgresStoreFixture fixture)
    : LogisticsStoreContract<PostgresStoreFixture>(fixture), IClassFixture<PostgresStoreFixture>;

public sealed class SqliteLogisticsStoreTests(SqliteStoreFixture fixture)
    : LogisticsStoreContract<SqliteStoreFixture>(fixture), IClassFixture<SqliteStoreFixture>;
