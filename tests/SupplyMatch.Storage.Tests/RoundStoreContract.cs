using System.Text.Json;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage.Tests.Infrastructure;

namespace SupplyMatch.Storage.Tests;

/// <summary>Round snapshot, status transitions and results: the same contract on PostgreSQL and SQLite.</summary>
public abstract class RoundStoreContract<TFixture>(TFixture fixture)
    where TFixture : StoreFixture
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly CancellationToken _ct = CancellationToken.None;

    private Stores S => fixture.Stores;

    [Fact]
    public async Task The_snapshot_holds_the_open_lines_of_the_horizon_and_the_lots_exactly_as_they_were()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var inside = Enumerable.Range(0, 5).Select(i => s.Line(i)).ToList();
        var outside = s.Line(90, earliest: 30, latest: 32);
        var cancelled = s.Line(91);
        await S.Demand.SubmitAsync([.. inside, outside, cancelled], s.BuyerActor, _ct);
        await S.Demand.CancelAsync(cancelled.Id, null, Samples.Planner, _ct);
        await S.Forecasts.PostAsync([s.Lot(1), s.Lot(2)], s.BaseActor, _ct);
        var request = s.Round(0, 10);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(request, Samples.Planner, _ct);
        await S.Forecasts.ReviseAsync(s.Lot(1).Id, null, new LotRevisionRequest(1, null, null), s.BaseActor, _ct);

        var snapshot = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        Assert.Equal(inside, snapshot!.Lines.Where(l => l.BuyerId == s.Buyer.Id).ToList());
        Assert.Equal([s.Lot(1), s.Lot(2)], snapshot.Lots.Where(l => l.BaseId == s.Base.Id).ToList());
        Assert.Contains(s.Product, snapshot.Reference.Products);
        Assert.Equal(request.Settings, snapshot.Settings);
        Assert.Equal((RoundStatus.Queued, 0), (round.Status, round.Attempts));
        Assert.Equal(snapshot.Lines.Count, round.Lines);
        Assert.Null(round.EarliestShipDay);
        var json = JsonSerializer.Serialize(snapshot, SnapshotJson.Options);
        var expectedSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expectedSha, round.SnapshotSha256);
    }

    [Fact]
    public async Task A_line_whose_window_reaches_outside_the_horizon_is_planned_on_the_horizon_days_only()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var early = s.Line(0, earliest: 1, latest: 5);
        var late = s.Line(1, earliest: 8, latest: 14);
        var inside = s.Line(2, earliest: 4, latest: 6);
        await S.Demand.SubmitAsync([early, late, inside], s.BuyerActor, _ct);

        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(3, 10), Samples.Planner, _ct);

        var snapshot = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        Assert.Equal(
            [early with { Earliest = Samples.Day(3) }, late with { Latest = Samples.Day(10) }, inside],
            snapshot!.Lines.Where(l => l.BuyerId == s.Buyer.Id).ToList());
        Assert.Equal(early, (await S.Demand.GetAsync(early.Id, null, _ct))!.Line);
    }

    [Fact]
    public async Task With_an_earliest_ship_day_lots_ship_from_it_and_lots_whose_window_ends_before_it_are_left_out()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var straddling = s.Lot(1);
        var ended = s.Lot(2) with { AvailableTo = Samples.Day(1) };
        var endsOnIt = s.Lot(3) with { AvailableTo = Samples.Day(2) };
        var later = s.Lot(4) with { AvailableFrom = Samples.Day(3), AvailableTo = Samples.Day(5) };
        await S.Forecasts.PostAsync([straddling, ended, endsOnIt, later], s.BaseActor, _ct);

        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(0, 10) with { EarliestShipDay = Samples.Day(2) }, Samples.Planner, _ct);

        var snapshot = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        Assert.Equal(
            [straddling with { AvailableFrom = Samples.Day(2) }, endsOnIt with { AvailableFrom = Samples.Day(2) }, later],
            snapshot!.Lots.Where(l => l.BaseId == s.Base.Id).ToList());
        Assert.Equal(snapshot.Lots.Count, round.Lots);
        Assert.Equal(straddling, (await S.Forecasts.GetAsync(straddling.Id, null, _ct))!.Lot);
        Assert.Equal(ended, (await S.Forecasts.GetAsync(ended.Id, null, _ct))!.Lot);
        Assert.Equal(Samples.Day(2), round.EarliestShipDay);
        Assert.Equal(Samples.Day(2), (await S.Rounds.ListRoundsAsync(null, null, 1000, _ct)).Single(r => r.Id == round.Id).EarliestShipDay);
    }

    [Fact]
    public async Task Of_two_workers_starting_the_same_round_exactly_one_wins()
    {
        var round = await NewRoundAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => S.Rounds.TryStartRoundAsync(round.Id, $"w{i}", Lease, 3, _ct))));
        Assert.Equal(1, outcomes.Count(o => o == StartOutcome.Started));
        Assert.All(outcomes.Where(o => o != StartOutcome.Started), o => Assert.Equal(StartOutcome.Busy, o));
        var stored = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Running, 1), (stored!.Status, stored.Attempts));
    }

    [Fact]
    public async Task A_round_whose_worker_died_is_taken_over_after_its_lease_and_given_up_after_the_last_attempt()
    {
        var round = await NewRoundAsync();
        Assert.Equal(StartOutcome.Started, await S.Rounds.TryStartRoundAsync(round.Id, "dead-1", TimeSpan.FromMilliseconds(-1), 2, _ct));
        Assert.Equal(StartOutcome.Started, await S.Rounds.TryStartRoundAsync(round.Id, "dead-2", TimeSpan.FromMilliseconds(-1), 2, _ct));
        Assert.False(await S.Rounds.RenewLeaseAsync(round.Id, "dead-1", Lease, _ct));
        Assert.Equal(StartOutcome.GaveUp, await S.Rounds.TryStartRoundAsync(round.Id, "w3", Lease, 2, _ct));
        var stored = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Failed, 2), (stored!.Status, stored.Attempts));
        Assert.Contains("2 attempts", stored.Error, StringComparison.Ordinal);
        Assert.Equal(StartOutcome.AlreadyFinished, await S.Rounds.TryStartRoundAsync(round.Id, "w4", Lease, 9, _ct));
    }

    [Fact]
    public async Task A_result_is_written_whole_once_and_only_by_the_worker_holding_the_round()
    {
        var (round, lines, lot, samples) = await RoundWithLinesAsync(6);
        var result = samples.Result(lines, lot);
        Assert.False(await S.Rounds.SaveRoundResultAsync(round.Id, "nobody", result, _ct));
        Assert.Equal(StartOutcome.Started, await S.Rounds.TryStartRoundAsync(round.Id, "w1", Lease, 3, _ct));
        Assert.False(await S.Rounds.SaveRoundResultAsync(round.Id, "w2", result, _ct));
        Assert.Empty((await S.Results.AllAllocationsAsync(round.Id, _ct)));
        Assert.True(await S.Rounds.SaveRoundResultAsync(round.Id, "w1", result, _ct));
        Assert.False(await S.Rounds.SaveRoundResultAsync(round.Id, "w1", result, _ct));
        Assert.Equal(result.Allocations, (await S.Results.AllAllocationsAsync(round.Id, _ct)).Select(a => a.Allocation).ToList());
        var (unmet, total) = await S.Results.ListUnmetAsync(round.Id, null, null, 0, 100, _ct);
        Assert.Equal(Json(result.Unmet), Json(unmet));
        Assert.Equal(result.Unmet.Count, total);
        Assert.Equal(MatchingJson.Serialize(result), MatchingJson.Serialize((await S.Results.LoadResultAsync(round.Id, _ct))!));
        Assert.Equal(RoundStatus.Solved, (await S.Rounds.GetRoundAsync(round.Id, _ct))!.Status);
    }

    [Fact]
    public async Task Allocations_page_and_filter_by_buyer_base_product_and_day()
    {
        var (round, lines, lot, samples) = await RoundWithLinesAsync(7);
        var result = samples.Result(lines, lot);
        await S.Rounds.TryStartRoundAsync(round.Id, "w", Lease, 3, _ct);
        await S.Rounds.SaveRoundResultAsync(round.Id, "w", result, _ct);
        var day = result.Allocations[1].DeliveryDay;
        var filter = new AllocationFilter(lines[0].BuyerId, lot.BaseId, lot.ProductCode, day);
        var (page1, total) = await S.Results.ListAllocationsAsync(round.Id, filter, 0, 2, _ct);
        var (page2, _) = await S.Results.ListAllocationsAsync(round.Id, filter, 2, 100, _ct);
        var expected = result.Allocations.Where(a => a.DeliveryDay == day).ToList();
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, page1.Concat(page2).Select(a => a.Allocation).ToList());
        var (none, zero) = await S.Results.ListAllocationsAsync(round.Id, filter with { BuyerId = "nobody" }, 0, 10, _ct);
        Assert.Equal((0, 0), (none.Count, zero));
    }

    [Fact]
    public async Task Only_a_solved_round_can_be_published_and_a_published_one_is_never_cancelled()
    {
        var round = await NewRoundAsync();
        Assert.Equal(RoundAction.WrongStatus, await S.Rounds.PublishRoundAsync(round.Id, Samples.Planner, _ct));
        Assert.Equal(RoundAction.NotFound, await S.Rounds.PublishRoundAsync(Guid.NewGuid(), Samples.Planner, _ct));
        Assert.Equal(RoundAction.Done, await S.Rounds.CancelRoundAsync(round.Id, Samples.Planner, _ct));
        Assert.Equal(RoundAction.WrongStatus, await S.Rounds.CancelRoundAsync(round.Id, Samples.Planner, _ct));
        Assert.Equal(StartOutcome.AlreadyFinished, await S.Rounds.TryStartRoundAsync(round.Id, "w", Lease, 3, _ct));

        var (solved, lines, lot, samples) = await RoundWithLinesAsync(2);
        await S.Rounds.TryStartRoundAsync(solved.Id, "w", Lease, 3, _ct);
        await S.Rounds.SaveRoundResultAsync(solved.Id, "w", samples.Result(lines, lot), _ct);
        Assert.Equal(RoundAction.Done, await S.Rounds.PublishRoundAsync(solved.Id, Samples.Planner, _ct));
        Assert.Equal(RoundAction.WrongStatus, await S.Rounds.CancelRoundAsync(solved.Id, Samples.Planner, _ct));
        var published = await S.Rounds.GetRoundAsync(solved.Id, _ct);
        Assert.Equal(RoundStatus.Published, published!.Status);
        Assert.NotNull(published.PublishedAt);
    }

    [Fact]
    public async Task A_solved_round_whose_lot_was_revised_below_its_plan_since_the_snapshot_is_not_published_until_the_lot_holds_it_again()
    {
        var (round, lines, lot, samples) = await RoundWithLinesAsync(2);
        await S.Rounds.TryStartRoundAsync(round.Id, "w", Lease, 3, _ct);
        var result = samples.Result(lines, lot);
        await S.Rounds.SaveRoundResultAsync(round.Id, "w", result, _ct);
        var planned = result.Allocations.Sum(a => a.Kg);
        Assert.NotNull((await S.Forecasts.ReviseAsync(lot.Id, null, new LotRevisionRequest(planned - 300, null, null), samples.BaseActor, _ct)).Lot);

        var refused = await S.Rounds.PublishAsync(round.Id, Samples.Planner, _ct);
        Assert.Equal(RoundAction.InputsChanged, refused.Action);
        Assert.Equal([new LotShortfall(lot.Id, planned, planned - 300, false)], refused.Shortfalls);
        var after = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Solved, null), (after!.Status, after.PublishedAt));

        Assert.NotNull((await S.Forecasts.ReviseAsync(lot.Id, null, new LotRevisionRequest(planned, null, null), samples.BaseActor, _ct)).Lot);
        var published = await S.Rounds.PublishAsync(round.Id, Samples.Planner, _ct);
        Assert.Equal((RoundAction.Done, 0), (published.Action, published.Shortfalls.Count));
        Assert.Equal(RoundStatus.Published, (await S.Rounds.GetRoundAsync(round.Id, _ct))!.Status);
    }

    [Fact]
    public async Task A_solved_round_withdrawn_before_it_is_published_releases_its_lines_and_keeps_when_it_was_solved()
    {
        var (round, lines, lot, samples) = await RoundWithLinesAsync(2);
        await S.Rounds.TryStartRoundAsync(round.Id, "w", Lease, 3, _ct);
        await S.Rounds.SaveRoundResultAsync(round.Id, "w", samples.Result(lines, lot), _ct);
        var solved = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal(LineChange.PastCutoff, await S.Demand.CancelAsync(lines[0].Id, null, Samples.Planner, _ct));

        Assert.Equal(RoundAction.Done, await S.Rounds.CancelRoundAsync(round.Id, Samples.Planner, _ct));
        var withdrawn = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Cancelled, solved!.FinishedAt, "w"), (withdrawn!.Status, withdrawn.FinishedAt, withdrawn.Worker));
        Assert.Equal(LineChange.Done, await S.Demand.CancelAsync(lines[0].Id, null, Samples.Planner, _ct));
        Assert.Equal(RoundAction.WrongStatus, await S.Rounds.PublishRoundAsync(round.Id, Samples.Planner, _ct));
    }

    [Fact]
    public async Task A_round_with_a_cutoff_a_little_ahead_of_now_holds_its_lines_from_its_creation()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var line = s.Line(1);
        await S.Demand.SubmitAsync([line], s.BuyerActor, _ct);
        var before = DateTimeOffset.UtcNow;
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round() with { Cutoff = DateTimeOffset.UtcNow.AddSeconds(50) }, Samples.Planner, _ct);

        Assert.InRange(round.Cutoff, before, DateTimeOffset.UtcNow);
        Assert.Contains((await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct))!.Lines, l => l.Id == line.Id);
        Assert.Equal(LineChange.PastCutoff, await S.Demand.CancelAsync(line.Id, null, Samples.Planner, _ct));
    }

    [Fact]
    public async Task A_failed_round_keeps_its_reason_and_a_released_round_goes_back_to_the_queue()
    {
        var round = await NewRoundAsync();
        await S.Rounds.TryStartRoundAsync(round.Id, "w1", Lease, 3, _ct);
        Assert.True(await S.Rounds.ReleaseRoundAsync(round.Id, "w1", _ct));
        var released = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Queued, 0), (released!.Status, released.Attempts));
        await S.Rounds.TryStartRoundAsync(round.Id, "w2", Lease, 3, _ct);
        Assert.False(await S.Rounds.MarkRoundFailedAsync(round.Id, "w1", "not mine", _ct));
        Assert.True(await S.Rounds.MarkRoundFailedAsync(round.Id, "w2", "solver said no", _ct));
        var failed = await S.Rounds.GetRoundAsync(round.Id, _ct);
        Assert.Equal((RoundStatus.Failed, "solver said no"), (failed!.Status, failed.Error));
    }

    [Fact]
    public async Task Schedules_are_stored_replaced_and_deleted()
    {
        var id = "s-" + Guid.NewGuid().ToString("N");
        var schedule = new RoundSchedule(id, "0 6 * * *", 1, 3, new MatchingSettings { PovertyBonusCnyPerKg = 0.2m }, true);
        await S.Schedules.UpsertAsync(schedule, Samples.Planner, _ct);
        await S.Schedules.UpsertAsync(schedule with { Cron = "30 5 * * 1-5" }, Samples.Planner, _ct);
        var stored = await S.Schedules.GetAsync(id, _ct);
        Assert.Equal(("30 5 * * 1-5", 0.2m), (stored!.Cron, stored.Settings.PovertyBonusCnyPerKg));
        Assert.True(await S.Schedules.DeleteAsync(id, Samples.Planner, _ct));
        Assert.Null(await S.Schedules.GetAsync(id, _ct));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, MatchingJson.Options);

    private async Task<RoundRecord> NewRoundAsync() => (await RoundWithLinesAsync(1)).Round;

    private async Task<(RoundRecord Round, IReadOnlyList<Core.Domain.DemandLine> Lines, Core.Domain.HarvestLot Lot, Samples Samples)> RoundWithLinesAsync(int count)
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var lines = Enumerable.Range(0, count).Select(i => s.Line(i)).ToList();
        await S.Demand.SubmitAsync(lines, s.BuyerActor, _ct);
        await S.Forecasts.PostAsync([s.Lot(1)], s.BaseActor, _ct);
        return (await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(), Samples.Planner, _ct), lines, s.Lot(1), s);
    }
}

public sealed class PostgresRoundStoreTests(PostgresStoreFixture fixture)
    : RoundStoreContract<PostgresStoreFixture>(fixture), IClassFixture<PostgresStoreFixture>;

public sealed class SqliteRoundStoreTests(SqliteStoreFixture fixture)
    : RoundStoreContract<SqliteStoreFixture>(fixture), IClassFixture<SqliteStoreFixture>;
