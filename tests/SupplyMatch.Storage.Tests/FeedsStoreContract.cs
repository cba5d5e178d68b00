using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage.Tests.Infrastructure;

namespace SupplyMatch.Storage.Tests;

/// <summary>Feed registry, runs and merges: the same contract on PostgreSQL (COPY + set-based merge) and on the embedded SQLite store.</summary>
public abstract class FeedStoreContract<TFixture>(TFixture fixture)
    where TFixture : StoreFixture
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly FeedWorld _w = new(fixture);

    private Stores S => fixture.Stores;

    [Fact]
    public async Task A_second_pull_of_the_same_rows_changes_nothing_and_a_changed_row_updates_its_line_keeping_the_old_version()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        var lines = Enumerable.Range(1, 5).Select(i => s.Line(i)).ToList();
        Assert.Equal(new FeedRunCounts(5, 5, 0, 0, 0, 0, 0), (await _w.ImportAsync(feed, lines)).Counts);
        var ids = await _w.StoredIdsAsync(feed, "demand_lines");
        Assert.Equal(new FeedRunCounts(5, 0, 0, 5, 0, 0, 0), (await _w.ImportAsync(feed, lines.AsEnumerable().Reverse().ToList())).Counts);
        Assert.Equal(ids, await _w.StoredIdsAsync(feed, "demand_lines"));

        lines[2] = lines[2] with { QuantityKg = 2_500, MaxLandedCnyPerKg = 7.10m };
        Assert.Equal(new FeedRunCounts(5, 0, 1, 4, 0, 0, 0), (await _w.ImportAsync(feed, lines)).Counts);
        var changed = await S.Demand.GetAsync(ids[lines[2].Id], s.Buyer.Id, _ct);
        Assert.Equal((2, 2_500, 7.10m, "open"), (changed!.Version, changed.Line.QuantityKg, changed.Line.MaxLandedCnyPerKg, changed.Status));
        Assert.Equal(s.Buyer.Id, changed.Line.BuyerId);
        var history = await new DemandRevisionStore(fixture.Database).ListAsync(ids[lines[2].Id], null, _ct);
        Assert.Equal([(1, 1_000, $"feed:{feed.Id}"), (2, 2_500, null)], history!.Select(r => (r.Version, r.QuantityKg, r.ReplacedBy)).ToList());
        var untouched = await S.Demand.GetAsync(ids[lines[0].Id], null, _ct);
        Assert.Equal((1, s.Line(1) with { Id = ids[lines[0].Id] }), (untouched!.Version, untouched.Line));
    }

    [Fact]
    public async Task A_snapshot_cancels_missing_lines_but_keeps_those_a_round_holds_and_those_whose_row_was_rejected()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        var held = s.Line(1, earliest: 100, latest: 101);
        await _w.ImportAsync(feed, [held]);
        await _w.PublishRoundAsync(s, 100, 101, []);
        var (kept, rejected, dropped) = (s.Line(2, earliest: 100, latest: 101), s.Line(3, earliest: 100, latest: 101), s.Line(4, earliest: 100, latest: 101));
        Assert.Equal(3, (await _w.ImportAsync(feed, [held, kept, rejected, dropped])).Counts.Created);

        var end = await _w.ImportAsync(feed, [kept], [new RejectedRow(3, rejected.Id, [new DataError("lines.csv", 3, "quantity_kg", "\"-1\" is not a positive whole number of kg")])]);
        Assert.Equal(new FeedRunCounts(2, 0, 0, 1, 1, 1, 1), end.Counts);
        var ids = await _w.StoredIdsAsync(feed, "demand_lines");
        var status = new Dictionary<string, string>();
        foreach (var (ext, id) in ids)
        {
            status[ext] = (await S.Demand.GetAsync(id, null, _ct))!.Status;
        }

        Assert.Equal(new Dictionary<string, string> { [held.Id] = "open", [kept.Id] = "open", [rejected.Id] = "open", [dropped.Id] = "cancelled" }, status);
        var again = await _w.ImportAsync(feed, [kept, dropped]);
        Assert.Equal((1, 1, 1), (again.Counts.Updated, again.Counts.Cancelled, again.Counts.Kept));
        Assert.Equal("open", (await S.Demand.GetAsync(ids[dropped.Id], null, _ct))!.Status);
    }

    [Fact]
    public async Task An_incremental_feed_touches_only_the_rows_present()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Incremental);
        await _w.ImportAsync(feed, [s.Line(1), s.Line(2)]);
        var end = await _w.ImportAsync(feed, [s.Line(2) with { Priority = 1 }]);
        Assert.Equal(new FeedRunCounts(1, 0, 1, 0, 0, 0, 0), end.Counts);
        var ids = await _w.StoredIdsAsync(feed, "demand_lines");
        Assert.Equal(("open", 1), ((await S.Demand.GetAsync(ids[s.Line(1).Id], null, _ct))!.Status, (await S.Demand.GetAsync(ids[s.Line(1).Id], null, _ct))!.Version));
    }

    [Fact]
    public async Task A_changed_row_of_a_line_that_a_round_holds_past_its_cutoff_is_refused_and_the_rest_apply()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        var held = s.Line(1, earliest: 200, latest: 201);
        await _w.ImportAsync(feed, [held]);
        await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(200, 201), Samples.Planner, _ct);
        var end = await _w.ImportAsync(feed, [held with { QuantityKg = 9_000 }, s.Line(2, earliest: 200, latest: 201)]);
        Assert.Equal(new FeedRunCounts(2, 1, 0, 0, 0, 0, 1), end.Counts);
        var refusal = Assert.Single(end.Rejections);
        Assert.Equal((2, held.Id, "id"), (refusal.Row, refusal.ExternalId, refusal.Column));
        Assert.Contains("held by a matching round", refusal.Message, StringComparison.Ordinal);
        var ids = await _w.StoredIdsAsync(feed, "demand_lines");
        Assert.Equal((1, held.QuantityKg), ((await S.Demand.GetAsync(ids[held.Id], null, _ct))!.Version, (await S.Demand.GetAsync(ids[held.Id], null, _ct))!.Line.QuantityKg));
    }

    [Fact]
    public async Task Forecast_feeds_revise_lots_with_history_and_a_snapshot_cancels_unsold_missing_lots_which_rounds_then_leave_out()
    {
        var (s, feed) = await _w.ForecastFeedAsync(FeedMode.Snapshot);
        var lots = new[] { s.Lot(1), s.Lot(2), s.Lot(3) };
        Assert.Equal(new FeedRunCounts(3, 3, 0, 0, 0, 0, 0), (await _w.ImportAsync(feed, lots)).Counts);
        var ids = await _w.StoredIdsAsync(feed, "harvest_lots");
        Assert.Equal(new FeedRunCounts(3, 0, 1, 2, 0, 0, 0), (await _w.ImportAsync(feed, [lots[0] with { PriceCnyPerKg = 2.95m }, lots[1], lots[2]])).Counts);
        var revisions = await S.Forecasts.RevisionsAsync(ids[lots[0].Id], s.Base.Id, _ct);
        Assert.Equal([(1, 3.20m), (2, 2.95m)], revisions!.Select(r => (r.Revision, r.PriceCnyPerKg)).ToList());

        var sold = s.Line(1);
        await S.Demand.SubmitAsync([sold], s.BuyerActor, _ct);
        await _w.PublishRoundAsync(s, 0, 10, [(lots[1] with { Id = ids[lots[1].Id] }, sold)]);
        Assert.Equal(new FeedRunCounts(1, 0, 0, 1, 1, 1, 0), (await _w.ImportAsync(feed, [lots[0] with { PriceCnyPerKg = 2.95m }])).Counts);
        var cancelled = await S.Forecasts.GetAsync(ids[lots[2].Id], null, _ct);
        Assert.Equal(("cancelled", 2), (cancelled!.Status, cancelled.Revision));
        Assert.Equal("open", (await S.Forecasts.GetAsync(ids[lots[1].Id], null, _ct))!.Status);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(), Samples.Planner, _ct);
        var snapshot = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        Assert.DoesNotContain(snapshot!.Lots, l => l.Id == ids[lots[2].Id]);
        Assert.Contains(snapshot.Lots, l => l.Id == ids[lots[0].Id] && l.PriceCnyPerKg == 2.95m);
    }

    [Fact]
    public async Task Only_one_run_of_a_feed_holds_it_and_a_run_whose_lease_lapsed_is_taken_over_and_marked_failed()
    {
        var (_, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        var first = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromMinutes(5), _ct);
        var second = await _w.Runs.TryStartAsync(feed.Id, "schedule", TimeSpan.FromMinutes(5), _ct);
        Assert.Equal((true, false, first!.RunId), (first.Started, second!.Started, second.RunId));
        Assert.Equal(first.RunId, await _w.Runs.RunningAsync(feed.Id, _ct));
        var skipped = (await _w.Runs.ListAsync(feed.Id, null, 10, _ct)).Single(r => r.Status == FeedRunStatus.Skipped);
        Assert.Contains(first.RunId.ToString(), skipped.Error, StringComparison.Ordinal);

        Assert.True(await _w.Runs.FinishAsync(feed.Id, first.RunId, new FeedRunEnd(FeedRunStatus.NotModified, 304, 1, null, FeedRunCounts.None, null, [], null), _ct));
        Assert.Null(await _w.Runs.RunningAsync(feed.Id, _ct));
        var lapsed = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromSeconds(-1), _ct);
        var takeover = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromMinutes(5), _ct);
        Assert.True(lapsed!.Started && takeover!.Started);
        Assert.Equal(FeedRunStatus.Failed, (await _w.Runs.GetAsync(feed.Id, lapsed.RunId, _ct))!.Status);
        Assert.False(await _w.Runs.FinishAsync(feed.Id, lapsed.RunId, new FeedRunEnd(FeedRunStatus.Succeeded, 200, 1, 10, FeedRunCounts.None, null, [], null), _ct));
        Assert.Null(await _w.Imports.ImportLinesAsync(feed, lapsed.RunId, FeedWorld.Rows([_w.Samples.Line(1)]), FeedWorld.Fetch, _ct));
        Assert.Empty(await _w.StoredIdsAsync(feed, "demand_lines"));
    }

    [Fact]
    public async Task The_auth_secret_is_kept_for_pulls_only_and_a_new_url_forgets_the_validators()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot, "Authorization", "Bearer s3cret");
        Assert.False(await _w.Feeds.CreateAsync(feed.Id, FeedKind.Demand, s.Buyer.Id, FeedWorld.Settings(), Samples.Planner, _ct));
        Assert.True(feed.HasAuthHeaderValue);
        await _w.ImportAsync(feed, [s.Line(1)]);
        var state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal(("Bearer s3cret", "\"v1\"", "sha-1"), (state!.AuthHeaderValue, state.ETag, state.BodySha256));

        var kept = await _w.Feeds.UpdateAsync(feed.Id, FeedWorld.Settings() with { Url = "http://127.0.0.1:1/other.csv", AuthHeaderName = "Authorization" }, Samples.Planner, _ct);
        state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal((true, "Bearer s3cret", null, null), (kept!.HasAuthHeaderValue, state!.AuthHeaderValue, state.ETag, state.BodySha256));
        await _w.Feeds.UpdateAsync(feed.Id, FeedWorld.Settings(), Samples.Planner, _ct);
        Assert.Null((await _w.Feeds.GetPullStateAsync(feed.Id, _ct))!.AuthHeaderValue);
        var audit = await S.Audit.ListAsync(new AuditQuery("feed", feed.Id, null, null, 10), _ct);
        Assert.Equal(["update", "update", "create"], audit.Select(a => a.Action).ToList());
        Assert.All(audit, a => Assert.DoesNotContain("s3cret", a.Detail, StringComparison.Ordinal));
        Assert.Equal([feed.Id], (await _w.Feeds.ListAsync(s.Buyer.Id, _ct)).Select(f => f.Id).ToList());
    }
}

public sealed class PostgresFeedStoreTests(PostgresStoreFixture fixture)
    : FeedStoreContract<PostgresStoreFixture>(fixture), IClassFixture<PostgresStoreFixture>;

public sealed class SqliteFeedStoreTests(SqliteStoreFixture fixture)
    : FeedStoreContract<SqliteStoreFixture>(fixture), IClassFixture<SqliteStoreFixture>;
