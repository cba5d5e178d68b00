using Microsoft.AspNetCore.DataProtection;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
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
    public async Task A_rejected_row_keeps_its_code_and_chinese_reason_and_a_row_stored_without_them_reads_as_null()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Incremental);
        var reason = RowReasons.QuantityNotPositive.With(("value", "-1"));
        var end = await _w.ImportAsync(feed, [s.Line(1)], [new RejectedRow(3, s.Line(2).Id, [new DataError("lines.csv", 3, "quantity_kg", reason)])]);
        Assert.Equal(new FeedRejection(3, s.Line(2).Id, "quantity_kg", "\"-1\" is not a positive whole number of kg", "quantity_not_positive", "“-1”不是正整数公斤数"),
            Assert.Single(end.Rejections));

        var run = (await _w.Runs.ListAsync(feed.Id, null, 1, _ct))[0].Id;
        await using (var connection = await fixture.Database.OpenAsync(_ct))
        {
            await connection.Sql("INSERT INTO feed_run_rejections (run_id, seq, row_no, external_id, column_name, message) VALUES (@run, 2, 4, 'OLD', NULL, 'an old problem')")
                .With("run", run).ExecuteAsync(_ct);
        }

        Assert.Equal(new FeedRejection(4, "OLD", null, "an old problem", null, null), (await _w.Runs.RejectionsAsync(run, _ct))[1]);
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
        Assert.Equal(new LotRevisionOutcome(null, null, cancelled),
            await S.Forecasts.ReviseAsync(cancelled.Lot.Id, s.Base.Id, new LotRevisionRequest(null, null, 2.10m), s.BaseActor, _ct));
        Assert.Equal(cancelled, await S.Forecasts.GetAsync(ids[lots[2].Id], null, _ct));
        Assert.Equal("open", (await S.Forecasts.GetAsync(ids[lots[1].Id], null, _ct))!.Status);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(), Samples.Planner, _ct);
        var snapshot = await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct);
        Assert.DoesNotContain(snapshot!.Lots, l => l.Id == ids[lots[2].Id]);
        Assert.Contains(snapshot.Lots, l => l.Id == ids[lots[0].Id] && l.PriceCnyPerKg == 2.95m);
    }

    [Fact]
    public async Task A_forecast_row_that_would_take_a_lot_below_what_a_published_round_sold_is_refused_and_the_rest_apply()
    {
        var (s, feed) = await _w.ForecastFeedAsync(FeedMode.Incremental);
        var lots = new[] { s.Lot(1), s.Lot(2) };
        await _w.ImportAsync(feed, lots);
        var ids = await _w.StoredIdsAsync(feed, "harvest_lots");
        var line = s.Line(1, kg: 1_200);
        await S.Demand.SubmitAsync([line], s.BuyerActor, _ct);
        await _w.PublishRoundAsync(s, 0, 10, [(lots[0] with { Id = ids[lots[0].Id] }, line)]);

        var end = await _w.ImportAsync(feed, [lots[0] with { QuantityKg = 1_199, FirmKg = 0 }, lots[1] with { QuantityKg = 100, FirmKg = 0 }]);
        var kept = await S.Forecasts.GetAsync(ids[lots[0].Id], null, _ct);
        var down = await _w.ImportAsync(feed, [lots[0] with { QuantityKg = 1_200, FirmKg = 0 }]);

        Assert.Equal(new FeedRunCounts(2, 0, 1, 0, 0, 0, 1), end.Counts);
        var refusal = Assert.Single(end.Rejections);
        Assert.Equal((2, lots[0].Id, "quantity_kg", "below_sold"), (refusal.Row, refusal.ExternalId, refusal.Column, refusal.Code));
        Assert.Contains("1200 kg sold in published round", refusal.Message, StringComparison.Ordinal);
        Assert.Equal((5_000, 1), (kept!.Lot.QuantityKg, kept.Revision));
        Assert.Equal(100, (await S.Forecasts.GetAsync(ids[lots[1].Id], null, _ct))!.Lot.QuantityKg);
        Assert.Equal(new FeedRunCounts(1, 0, 1, 0, 0, 0, 0), down.Counts);
        Assert.Equal(1_200, (await S.Forecasts.GetAsync(ids[lots[0].Id], null, _ct))!.Lot.QuantityKg);
    }

    [Fact]
    public async Task A_snapshot_keeps_a_missing_lot_that_only_a_published_logistics_plan_holds()
    {
        var (s, feed) = await _w.ForecastFeedAsync(FeedMode.Snapshot);
        var lots = new[] { s.Lot(1, 8_000), s.Lot(2, 8_000) };
        await _w.ImportAsync(feed, lots);
        var ids = await _w.StoredIdsAsync(feed, "harvest_lots");
        await S.Demand.SubmitAsync([s.Line(1, 3_000)], s.BuyerActor, _ct);
        var parameter = new RoundLogistics(true, 5, 1, UseHubs: false);
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round() with { Logistics = parameter }, Samples.Planner, _ct);
        var problem = (await S.Rounds.LoadRoundSnapshotAsync(round.Id, _ct))!;
        var own = problem with { Lots = problem.Lots.Where(l => l.BaseId == s.Base.Id).ToList(), Lines = problem.Lines.Where(l => l.BuyerId == s.Buyer.Id).ToList() };
        var plan = LogisticsPlanner.Plan(own, parameter.ToSettings(), _ct);
        // The lot the plan sells (the two are alike; which one it takes is the planner's choice) goes missing from the file.
        var sold = lots.First(l => plan.Allocations.Any(a => a.LotId == ids[l.Id]));
        var kept = lots.Single(l => l != sold);
        Assert.Equal(StartOutcome.Started, await S.Rounds.TryStartRoundAsync(round.Id, "w", TimeSpan.FromMinutes(1), 3, _ct));
        // The per-kg allocation sells nothing: only the logistics plan holds the lot.
        Assert.True(await S.Rounds.SaveRoundResultAsync(round.Id, "w", s.Result([], s.Lot(0)), plan, _ct));
        Assert.Equal(RoundAction.Done, await S.Rounds.PublishRoundAsync(round.Id, Samples.Planner, _ct));

        var end = await _w.ImportAsync(feed, [kept]);

        Assert.Equal(new FeedRunCounts(1, 0, 0, 1, 0, 1, 0), end.Counts);
        Assert.Equal("open", (await S.Forecasts.GetAsync(ids[sold.Id], null, _ct))!.Status);
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
        Assert.Equal(("pull_running", first.RunId.ToString()), (skipped.ErrorCode, skipped.ErrorParams!["run"]));

        Assert.True(await _w.Runs.FinishAsync(feed.Id, first.RunId, new FeedRunEnd(FeedRunStatus.NotModified, 304, 1, null, FeedRunCounts.None, null, [], null), _ct));
        Assert.Null(await _w.Runs.RunningAsync(feed.Id, _ct));
        var lapsed = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromSeconds(-1), _ct);
        var takeover = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromMinutes(5), _ct);
        Assert.True(lapsed!.Started && takeover!.Started);
        var lost = (await _w.Runs.GetAsync(feed.Id, lapsed.RunId, _ct))!;
        Assert.Equal((FeedRunStatus.Failed, "lease_lost", FeedRunError.LeaseLost.Message), (lost.Status, lost.ErrorCode, lost.Error));
        Assert.False(await _w.Runs.FinishAsync(feed.Id, lapsed.RunId, new FeedRunEnd(FeedRunStatus.Succeeded, 200, 1, 10, FeedRunCounts.None, null, [], null), _ct));
        Assert.Null(await _w.Imports.ImportLinesAsync(feed, lapsed.RunId, FeedWorld.Rows([_w.Samples.Line(1)]), FeedWorld.Fetch, _ct));
        Assert.Empty(await _w.StoredIdsAsync(feed, "demand_lines"));
    }

    [Fact]
    public async Task A_merge_with_a_row_refused_for_an_unknown_product_forgets_the_validators_so_the_next_pull_reads_the_file_again()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        await _w.ImportAsync(feed, [s.Line(1)]);
        var state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal(("\"v1\"", "sha-1"), (state!.ETag, state.BodySha256));

        // A past day stays past while the file stays the same: the file is remembered.
        var past = new RejectedRow(4, s.Line(3).Id, [new DataError("lines.csv", 4, "latest", RowReasons.LatestInPast.With(("today", "2026-12-08")))]);
        await _w.ImportAsync(feed, [s.Line(1)], [past]);
        state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal(("\"v1\"", "sha-1"), (state!.ETag, state.BodySha256));

        var refused = new RejectedRow(3, s.Line(2).Id, [new DataError("lines.csv", 3, "product_code", RowReasons.UnknownProduct.With(("id", "P-NEW"), ("file", "products.csv")))]);
        var end = await _w.ImportAsync(feed, [s.Line(1)], [refused, past]);
        Assert.Equal((2, FeedValidators.None), (end.Counts.Rejected, end.Validators));
        state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal((null, null, null), (state!.ETag, state.LastModified, state.BodySha256));

        await _w.ImportAsync(feed, [s.Line(1), s.Line(2)]);
        state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal(("\"v1\"", "sha-1"), (state!.ETag, state.BodySha256));
    }

    [Fact]
    public async Task A_failed_run_keeps_its_error_code_and_specifics_next_to_the_english_text_and_a_run_stored_before_codes_keeps_its_text()
    {
        var (_, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        var run = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromMinutes(5), _ct);
        var error = FeedRunError.NotFetched(FetchFailure.HttpStatus(503, "Service Unavailable"), 3);
        Assert.True(await _w.Runs.FinishAsync(feed.Id, run!.RunId, new FeedRunEnd(FeedRunStatus.Failed, 503, 3, null, FeedRunCounts.None, error, [], null), _ct));

        var stored = (await _w.Runs.GetAsync(feed.Id, run.RunId, _ct))!;
        Assert.Equal(("http_error", "The file could not be fetched: the feed server answered 503 Service Unavailable (3 attempts); nothing was changed."),
            (stored.ErrorCode, stored.Error));
        Assert.Equal(new Dictionary<string, string> { ["status"] = "503", ["reason"] = "Service Unavailable", ["attempts"] = "3" }, stored.ErrorParams);

        // As a run stored before schema version 9 reads: the English text only.
        await using (var connection = await fixture.Database.OpenAsync(_ct))
        {
            await connection.Sql("UPDATE feed_runs SET error_code = NULL, error_params = NULL WHERE id = @run").With("run", run.RunId).ExecuteAsync(_ct);
        }

        var old = (await _w.Runs.GetAsync(feed.Id, run.RunId, _ct))!;
        Assert.Equal((stored.Error, null, null), (old.Error, old.ErrorCode, old.ErrorParams));
    }

    [Fact]
    public async Task Schema_version_8_forgets_the_validators_that_earlier_versions_kept_of_a_body_with_rejected_rows()
    {
        var (s, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        await _w.ImportAsync(feed, [s.Line(1)]);
        Assert.Equal("sha-1", (await _w.Feeds.GetPullStateAsync(feed.Id, _ct))!.BodySha256);

        await using (var connection = await fixture.Database.OpenAsync(_ct))
        {
            await connection.Sql("DELETE FROM schema_migrations WHERE version = 8").ExecuteAsync(_ct);
        }

        Assert.Equal([8], await new MigrationRunner(fixture.Database).ApplyAsync(fixture.Clock, _ct));
        var state = await _w.Feeds.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal((null, null, null), (state!.ETag, state.LastModified, state.BodySha256));
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

    [Fact]
    public async Task The_auth_secret_is_stored_encrypted_and_another_instance_on_the_same_database_decrypts_it_but_a_foreign_key_ring_cannot()
    {
        var (_, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot, "Authorization", "Bearer s3cret-enc");
        var stored = await _w.StoredSecretAsync(feed.Id);
        Assert.StartsWith(FeedSecrets.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", stored, StringComparison.Ordinal);
        Assert.Contains(new KeyRingStore(fixture.Database, fixture.Clock).GetAllElements(), e => e.Name.LocalName == "key");

        var other = new FeedStore(fixture.Database, fixture.SecretsOfAnotherInstance(), fixture.Clock);
        var state = await other.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal(("Bearer s3cret-enc", false), (state!.AuthHeaderValue, state.AuthHeaderUnreadable));
        var foreign = new FeedStore(fixture.Database, new FeedSecrets(new EphemeralDataProtectionProvider()), fixture.Clock);
        var unreadable = await foreign.GetPullStateAsync(feed.Id, _ct);
        Assert.Equal((null, true), (unreadable!.AuthHeaderValue, unreadable.AuthHeaderUnreadable));
        Assert.Equal(stored, await _w.StoredSecretAsync(feed.Id));
    }

    [Fact]
    public async Task A_plain_text_secret_written_before_encryption_still_works_and_is_encrypted_on_first_read_or_at_startup()
    {
        var (_, first) = await _w.DemandFeedAsync(FeedMode.Snapshot, "Authorization", "Bearer new");
        var (_, second) = await _w.DemandFeedAsync(FeedMode.Snapshot, "X-Token", "t");
        await _w.StoreRawSecretAsync(first.Id, "Bearer old-plain-1");
        await _w.StoreRawSecretAsync(second.Id, "old-plain-2");

        Assert.Equal("Bearer old-plain-1", (await _w.Feeds.GetPullStateAsync(first.Id, _ct))!.AuthHeaderValue);
        Assert.StartsWith(FeedSecrets.Prefix, await _w.StoredSecretAsync(first.Id), StringComparison.Ordinal);
        Assert.Equal("old-plain-2", await _w.StoredSecretAsync(second.Id));
        Assert.True(await _w.Feeds.ProtectPlainSecretsAsync(_ct) >= 1);
        var stored = await _w.StoredSecretAsync(second.Id);
        Assert.StartsWith(FeedSecrets.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("old-plain", stored, StringComparison.Ordinal);
        await _w.Feeds.ProtectPlainSecretsAsync(_ct);
        Assert.Equal(stored, await _w.StoredSecretAsync(second.Id));
        var other = new FeedStore(fixture.Database, fixture.SecretsOfAnotherInstance(), fixture.Clock);
        Assert.Equal("Bearer old-plain-1", (await other.GetPullStateAsync(first.Id, _ct))!.AuthHeaderValue);
        Assert.Equal("old-plain-2", (await other.GetPullStateAsync(second.Id, _ct))!.AuthHeaderValue);
    }

    [Fact]
    public async Task A_run_renews_its_lease_while_it_holds_the_feed_and_cannot_once_it_finished_or_was_taken_over()
    {
        var (_, feed) = await _w.DemandFeedAsync(FeedMode.Snapshot);
        var run = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromSeconds(-1), _ct);
        Assert.True(await _w.Runs.RenewLeaseAsync(feed.Id, run!.RunId, TimeSpan.FromMinutes(5), _ct));
        var refused = await _w.Runs.TryStartAsync(feed.Id, "schedule", TimeSpan.FromMinutes(5), _ct);
        Assert.Equal((false, run.RunId), (refused!.Started, refused.RunId));
        Assert.Equal(run.RunId, await _w.Runs.RunningAsync(feed.Id, _ct));
        Assert.True(await _w.Runs.FinishAsync(feed.Id, run.RunId, new FeedRunEnd(FeedRunStatus.NotModified, 304, 1, null, FeedRunCounts.None, null, [], null), _ct));
        Assert.False(await _w.Runs.RenewLeaseAsync(feed.Id, run.RunId, TimeSpan.FromMinutes(5), _ct));
        Assert.Null(await _w.Runs.RunningAsync(feed.Id, _ct));

        var lapsed = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromSeconds(-1), _ct);
        var takeover = await _w.Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromMinutes(5), _ct);
        Assert.True(lapsed!.Started && takeover!.Started);
        Assert.False(await _w.Runs.RenewLeaseAsync(feed.Id, lapsed.RunId, TimeSpan.FromMinutes(5), _ct));
        Assert.True(await _w.Runs.RenewLeaseAsync(feed.Id, takeover.RunId, TimeSpan.FromMinutes(5), _ct));
        Assert.Equal(takeover.RunId, await _w.Runs.RunningAsync(feed.Id, _ct));
    }
}

public sealed class PostgresFeedStoreTests(PostgresStoreFixture fixture)
    : FeedStoreContract<PostgresStoreFixture>(fixture), IClassFixture<PostgresStoreFixture>;

public sealed class SqliteFeedStoreTests(SqliteStoreFixture fixture)
    : FeedStoreContract<SqliteStoreFixture>(fixture), IClassFixture<SqliteStoreFixture>;
