using SupplyMatch.Core.Domain;
using SupplyMatch.Storage.Tests.Infrastructure;

namespace SupplyMatch.Storage.Tests;

/// <summary>Uploaded lines files merged by (buyer, file id): the same contract on PostgreSQL and on the embedded SQLite store.</summary>
public abstract class UploadStoreContract<TFixture>(TFixture fixture)
    where TFixture : StoreFixture
{
    private readonly CancellationToken _ct = CancellationToken.None;

    private Stores S => fixture.Stores;

    /// <summary>The file's rows as the endpoint hands them over: each keeps its file id and asks for a fresh line id.</summary>
    private static List<UploadRow> Rows(params DemandLine[] fileLines) =>
        fileLines.Select((l, i) => new UploadRow(i + 2, l.Id, l with { Id = "DL-" + Guid.CreateVersion7().ToString("N") })).ToList();

    private async Task<UploadMerge> UploadAsync(Samples s, params DemandLine[] fileLines) => await S.Uploads.MergeAsync(Rows(fileLines), s.BuyerActor, _ct);

    private static List<(string FileId, UploadOutcome Outcome)> Outcomes(UploadMerge merge) => merge.Stored.Select(r => (r.FileId, r.Outcome)).ToList();

    [Fact]
    public async Task The_same_rows_again_change_nothing_and_a_changed_row_updates_its_line_keeping_the_old_version()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var file = Enumerable.Range(1, 4).Select(i => s.Line(i)).ToArray();
        var first = await UploadAsync(s, file);
        Assert.All(first.Stored, r => Assert.Equal(UploadOutcome.Created, r.Outcome));
        var ids = first.Stored.ToDictionary(r => r.FileId, r => r.LineId);

        var again = await UploadAsync(s, file);
        Assert.Equal(file.Select(l => (l.Id, UploadOutcome.Unchanged)).ToList(), Outcomes(again));
        Assert.Equal(ids, again.Stored.ToDictionary(r => r.FileId, r => r.LineId));
        Assert.Equal(4, (await S.Demand.ListAsync(s.Buyer.Id, null, null, 100, _ct)).Count);

        file[2] = file[2] with { QuantityKg = 2_500, MaxLandedCnyPerKg = 7.10m };
        var corrected = await UploadAsync(s, file);
        Assert.Empty(corrected.Refused);
        Assert.Equal([UploadOutcome.Unchanged, UploadOutcome.Unchanged, UploadOutcome.Updated, UploadOutcome.Unchanged], corrected.Stored.Select(r => r.Outcome).ToList());
        Assert.Equal(ids[file[2].Id], corrected.Stored[2].LineId);
        var changed = await S.Demand.GetAsync(ids[file[2].Id], s.Buyer.Id, _ct);
        Assert.Equal((2, 2_500, 7.10m, "open"), (changed!.Version, changed.Line.QuantityKg, changed.Line.MaxLandedCnyPerKg, changed.Status));
        var history = await new DemandRevisionStore(fixture.Database).ListAsync(ids[file[2].Id], null, _ct);
        Assert.Equal([(1, 1_000, s.BuyerActor.KeyId), (2, 2_500, null)], history!.Select(r => (r.Version, r.QuantityKg, r.ReplacedBy)).ToList());
        var audit = await S.Audit.ListAsync(new AuditQuery("demand_line", ids[file[2].Id], null, null, 10), _ct);
        Assert.Equal(("change", s.BuyerActor.KeyId), (Assert.Single(audit).Action, audit[0].ActorKeyId));
        var untouched = await S.Demand.GetAsync(ids[file[0].Id], null, _ct);
        Assert.Equal((1, file[0] with { Id = ids[file[0].Id] }), (untouched!.Version, untouched.Line));
        Assert.Equal(4, (await S.Demand.ListAsync(s.Buyer.Id, null, null, 100, _ct)).Count);
    }

    [Fact]
    public async Task Another_buyers_row_with_the_same_file_id_is_a_line_of_its_own()
    {
        var (mine, theirs) = (new Samples(), new Samples());
        await mine.CreateReferenceAsync(S);
        await theirs.CreateReferenceAsync(S);
        var shared = "PO-" + mine.Suffix;
        var created = await UploadAsync(mine, mine.Line(1) with { Id = shared });
        var other = await UploadAsync(theirs, theirs.Line(1, kg: 3_000) with { Id = shared });

        Assert.Equal([(shared, UploadOutcome.Created)], Outcomes(other));
        Assert.NotEqual(created.Stored[0].LineId, other.Stored[0].LineId);
        var line = await S.Demand.GetAsync(created.Stored[0].LineId, mine.Buyer.Id, _ct);
        Assert.Equal((1, 1_000), (line!.Version, line.Line.QuantityKg));
        Assert.Equal([(shared, UploadOutcome.Unchanged)], Outcomes(await UploadAsync(mine, mine.Line(1) with { Id = shared })));
    }

    [Fact]
    public async Task A_changed_row_of_a_line_a_round_holds_past_its_cutoff_is_refused_and_the_other_rows_apply()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var (held, kept) = (s.Line(1, earliest: 300, latest: 301), s.Line(2, earliest: 300, latest: 301));
        var ids = (await UploadAsync(s, held, kept)).Stored.ToDictionary(r => r.FileId, r => r.LineId);
        await S.Rounds.CreateRoundWithSnapshotAsync(s.Round(300, 301), Samples.Planner, _ct);

        var merge = await UploadAsync(s, held with { QuantityKg = 9_000 }, kept, s.Line(3, earliest: 300, latest: 301));
        var refusal = Assert.Single(merge.Refused);
        Assert.Equal((2, held.Id, "id"), (refusal.Row, refusal.FileId, refusal.Column));
        Assert.Equal($"demand line {ids[held.Id]} (id \"{held.Id}\" in this file) is held by a matching round whose cutoff has passed; it can no longer be changed",
            refusal.Reason.English);
        Assert.Equal(("held_by_round", $"需求 {ids[held.Id]}（本文件中的编号“{held.Id}”）已被截止时间已过的匹配轮次锁定，不能再修改"),
            (refusal.Reason.Code, refusal.Reason.Chinese));
        Assert.Equal([(kept.Id, UploadOutcome.Unchanged), (s.Line(3).Id, UploadOutcome.Created)], Outcomes(merge));
        var stored = await S.Demand.GetAsync(ids[held.Id], null, _ct);
        Assert.Equal((1, held.QuantityKg), (stored!.Version, stored.Line.QuantityKg));
    }

    [Fact]
    public async Task A_row_of_a_cancelled_line_reopens_it_and_lines_missing_from_the_file_are_left_as_they_are()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        var ids = (await UploadAsync(s, s.Line(1), s.Line(2))).Stored.Select(r => r.LineId).ToList();
        Assert.Equal(LineChange.Done, await S.Demand.CancelAsync(ids[0], s.Buyer.Id, s.BuyerActor, _ct));

        Assert.Equal([(s.Line(1).Id, UploadOutcome.Updated)], Outcomes(await UploadAsync(s, s.Line(1))));
        var reopened = await S.Demand.GetAsync(ids[0], null, _ct);
        Assert.Equal(("open", 3), (reopened!.Status, reopened.Version));
        var missing = await S.Demand.GetAsync(ids[1], null, _ct);
        Assert.Equal(("open", 1), (missing!.Status, missing.Version));
    }

    [Fact]
    public async Task Uploads_of_the_same_new_rows_at_once_create_each_line_once_and_lines_typed_into_the_api_stay_apart()
    {
        var s = new Samples();
        await s.CreateReferenceAsync(S);
        await S.Demand.SubmitAsync([s.Line(1)], s.BuyerActor, _ct);
        var file = Enumerable.Range(1, 200).Select(i => s.Line(i)).ToArray();
        var merges = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => UploadAsync(s, file))));

        Assert.Equal(200, merges.SelectMany(m => m.Stored).Count(r => r.Outcome == UploadOutcome.Created));
        Assert.Equal(600, merges.SelectMany(m => m.Stored).Count(r => r.Outcome == UploadOutcome.Unchanged));
        Assert.Equal(201, (await S.Demand.ListAsync(s.Buyer.Id, null, null, 1_000, _ct)).Count);
    }
}

public sealed class PostgresUploadStoreTests(PostgresStoreFixture fixture)
    : UploadStoreContract<PostgresStoreFixture>(fixture), IClassFixture<PostgresStoreFixture>;

public sealed class SqliteUploadStoreTests(SqliteStoreFixture fixture)
    : UploadStoreContract<SqliteStoreFixture>(fixture), IClassFixture<SqliteStoreFixture>;
