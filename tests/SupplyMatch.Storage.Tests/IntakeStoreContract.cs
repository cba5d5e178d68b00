using SupplyMatch.Core.Domain;
using SupplyMatch.Storage.Tests.Infrastructure;

namespace SupplyMatch.Storage.Tests;

/// <summary>Migrations, reference data, demand and forecasts: the same contract on PostgreSQL and on the embedded SQLite store.</summary>
public abstract class IntakeStoreContract<TFixture>(TFixture fixture)
    where TFixture : StoreFixture
{
    private readonly CancellationToken _ct = CancellationToken.None;

    private Stores S => fixture.Stores;

    [Fact]
    public async Task Migrations_applied_concurrently_record_each_version_once()
    {
        await using var database = await fixture.CreateEmptyDatabaseAsync();
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => new MigrationRunner(database).ApplyAsync(TimeProvider.System, _ct))));
        var expected = MigrationRunner.Embedded(database.Kind).Select(m => m.Version).ToList();
        Assert.Equal(expected, runs.SelectMany(r => r).Order().ToList());
        Assert.Empty(await new MigrationRunner(database).ApplyAsync(TimeProvider.System, _ct));
    }

    [Fact]
    public async Task Reference_items_round_trip_and_duplicates_or_missing_keys_are_refused()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        Assert.Equal(s.Product, await S.Reference.Products.GetAsync([s.Product.Code], _ct));
        Assert.Equal(s.Lane, await S.Reference.Lanes.GetAsync([s.Lane.OriginId, s.Lane.DestinationId], _ct));
        var storedBase = await S.Reference.Bases.GetAsync([s.Base.Id], _ct);
        Assert.Equal(s.Base.Certifications.Order(), storedBase!.Certifications.Order());
        var storedBuyer = await S.Reference.Buyers.GetAsync([s.Buyer.Id], _ct);
        Assert.Equal((s.Buyer.ReceiveFrom, s.Buyer.ReceiveTo), (storedBuyer!.ReceiveFrom, storedBuyer.ReceiveTo));
        Assert.False(await S.Reference.Products.CreateAsync(s.Product, Samples.Planner, _ct));
        var renamed = s.Product with { NameEn = "Flowering cabbage", CrateKg = 12.5m };
        Assert.True(await S.Reference.Products.UpdateAsync(renamed, Samples.Planner, _ct));
        Assert.Equal(renamed, await S.Reference.Products.GetAsync([s.Product.Code], _ct));
        Assert.False(await S.Reference.Products.UpdateAsync(renamed with { Code = "P-NONE-" + s.Suffix }, Samples.Planner, _ct));
        Assert.Contains(renamed, await S.Reference.Products.ListAsync(_ct));
    }

    [Fact]
    public async Task Submitted_lines_are_listed_in_pages_and_only_to_their_buyer()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var lines = Enumerable.Range(0, 25).Select(i => s.Line(i)).ToList();
        await S.Demand.SubmitAsync(lines, s.BuyerActor, _ct);
        var first = await S.Demand.ListAsync(s.Buyer.Id, null, null, 10, _ct);
        var rest = await S.Demand.ListAsync(s.Buyer.Id, null, first[^1].Line.Id, 100, _ct);
        Assert.Equal(lines, first.Concat(rest).Select(r => r.Line).ToList());
        Assert.All(first, r => Assert.Equal(("open", 1), (r.Status, r.Version)));
        Assert.NotNull(await S.Demand.GetAsync(lines[3].Id, s.Buyer.Id, _ct));
        Assert.Null(await S.Demand.GetAsync(lines[3].Id, "someone-else", _ct));
    }

    [Fact]
    public async Task A_line_can_change_until_a_round_snapshots_it_and_again_once_that_round_is_cancelled()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var line = s.Line(1);
        await S.Demand.SubmitAsync([line], s.BuyerActor, _ct);
        Assert.Equal(LineChange.Done, await S.Demand.ChangeAsync(line with { QuantityKg = 2_000 }, s.BuyerActor, _ct));
        Assert.Equal(LineChange.NotFound, await S.Demand.ChangeAsync(line with { BuyerId = "other" }, s.BuyerActor, _ct));
        var round = await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(), Samples.Planner, _ct);
        Assert.Equal(LineChange.PastCutoff, await S.Demand.ChangeAsync(line with { QuantityKg = 3_000 }, s.BuyerActor, _ct));
        Assert.Equal(LineChange.PastCutoff, await S.Demand.CancelAsync(line.Id, s.Buyer.Id, s.BuyerActor, _ct));
        Assert.Equal(RoundAction.Done, await S.Rounds.CancelRoundAsync(round.Id, Samples.Planner, _ct));
        Assert.Equal(LineChange.Done, await S.Demand.CancelAsync(line.Id, s.Buyer.Id, s.BuyerActor, _ct));
        Assert.Equal(LineChange.AlreadyCancelled, await S.Demand.CancelAsync(line.Id, s.Buyer.Id, s.BuyerActor, _ct));
        var stored = await S.Demand.GetAsync(line.Id, null, _ct);
        Assert.Equal(("cancelled", 3, 2_000), (stored!.Status, stored.Version, stored.Line.QuantityKg));
    }

    [Fact]
    public async Task Lot_revisions_keep_the_history_and_other_bases_cannot_revise()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var lot = s.Lot(1);
        await S.Forecasts.PostAsync([lot], s.BaseActor, _ct);
        Assert.Equal(new LotRevisionOutcome(null, null), await S.Forecasts.ReviseAsync(lot.Id, "other-base", new LotRevisionRequest(1, null, null), s.BaseActor, _ct));
        await S.Forecasts.ReviseAsync(lot.Id, s.Base.Id, new LotRevisionRequest(4_000, null, null), s.BaseActor, _ct);
        var revised = (await S.Forecasts.ReviseAsync(lot.Id, s.Base.Id, new LotRevisionRequest(null, null, 2.95m), s.BaseActor, _ct)).Lot;
        Assert.Equal((4_000, 2.95m, 3), (revised!.Lot.QuantityKg, revised.Lot.PriceCnyPerKg, revised.Revision));
        var history = await S.Forecasts.RevisionsAsync(lot.Id, s.Base.Id, _ct);
        Assert.Equal([(1, 5_000, 3.20m), (2, 4_000, 3.20m), (3, 4_000, 2.95m)],
            history!.Select(h => (h.Revision, h.QuantityKg, h.PriceCnyPerKg)).ToList());
        Assert.Equal(revised.Lot, (await S.Forecasts.GetAsync(lot.Id, null, _ct))!.Lot);
    }

    [Fact]
    public async Task Api_keys_are_stored_as_hashes_found_by_key_and_revocable()
    {
        var (info, key) = await S.ApiKeys.IssueAsync(Roles.Buyer, "Y1", "test", Samples.Planner, null, _ct);
        Assert.Equal(info, await S.ApiKeys.FindAsync(key, _ct));
        Assert.Null(await S.ApiKeys.FindAsync(key + "x", _ct));
        Assert.True(await S.ApiKeys.RevokeAsync(info.Id, Samples.Planner, _ct));
        Assert.Null(await S.ApiKeys.FindAsync(key, _ct));
        Assert.False(await S.ApiKeys.RevokeAsync(info.Id, Samples.Planner, _ct));
        await using var connection = await fixture.Database.OpenAsync(_ct);
        await using var command = connection.Sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = @k").With("k", key);
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(_ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Idempotency_keys_replay_the_stored_response_and_refuse_a_different_request()
    {
        var owner = Guid.NewGuid().ToString();
        Assert.Equal(IdempotencyState.Begun, (await S.Idempotency.BeginAsync(owner, "k1", "h1", _ct)).State);
        Assert.Equal(IdempotencyState.InProgress, (await S.Idempotency.BeginAsync(owner, "k1", "h1", _ct)).State);
        await S.Idempotency.CompleteAsync(owner, "k1", new StoredResponse(201, "application/json", "/x", [1, 2, 3]), _ct);
        var (state, response) = await S.Idempotency.BeginAsync(owner, "k1", "h1", _ct);
        Assert.Equal((IdempotencyState.Replay, 201, "/x"), (state, response!.StatusCode, response.Location));
        Assert.Equal([1, 2, 3], response.Body);
        Assert.Equal(IdempotencyState.Mismatch, (await S.Idempotency.BeginAsync(owner, "k1", "h2", _ct)).State);
        Assert.Equal(IdempotencyState.Begun, (await S.Idempotency.BeginAsync(owner + "-other", "k1", "h2", _ct)).State);
    }

    [Fact]
    public async Task Every_write_leaves_an_audit_entry_naming_the_actor()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        await S.Demand.SubmitAsync([s.Line(1)], s.BuyerActor, _ct);
        await S.Demand.CancelAsync(s.Line(1).Id, s.Buyer.Id, s.BuyerActor, _ct);
        var entries = await S.Audit.ListAsync(new AuditQuery("demand_line", s.Line(1).Id, null, null, 10), _ct);
        Assert.Equal(["cancel", "submit"], entries.Select(e => e.Action).ToList());
        Assert.All(entries, e => Assert.Equal(("buyer-key", Roles.Buyer, s.Buyer.Id), (e.ActorKeyId, e.ActorRole, e.ActorOwnerId)));
        var productEntries = await S.Audit.ListAsync(new AuditQuery("product", s.Product.Code, null, null, 10), _ct);
        Assert.Equal("create", Assert.Single(productEntries).Action);
    }
}

public sealed class PostgresIntakeStoreTests(PostgresStoreFixture fixture)
    : IntakeStoreContract<PostgresStoreFixture>(fixture), IClassFixture<PostgresStoreFixture>;

public sealed class SqliteIntakeStoreTests(SqliteStoreFixture fixture)
    : IntakeStoreContract<SqliteStoreFixture>(fixture), IClassFixture<SqliteStoreFixture>;
