using System.Data.Common;
using System.Text.Json;
using Npgsql;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>What the HTTP side of a run found out: status, attempts, body size and the validators of the body.</summary>
public sealed record FeedFetchFacts(int HttpStatus, int Attempts, long Bytes, FeedValidators Validators);

/// <summary>The feed, the moment and the writer of one merge.</summary>
internal sealed record MergeContext(string FeedId, string OwnerId, FeedMode Mode, DateTimeOffset Now, string By);

/// <summary>What a merge did; rows it could not apply (e.g. a line a round holds) come back as rejections.</summary>
internal sealed record MergeCounts(int Created, int Updated, int Unchanged, int Cancelled, int Kept, IReadOnlyList<FeedRejection> Refused);

/// <summary>
/// Merges the good rows of a pulled file into the feed owner's lines or lots, keyed by (feed, the owner's id for the
/// row): new ids create, changed rows update (keeping the revision history), identical rows change nothing, and in
/// snapshot mode what the file no longer lists is cancelled unless a round holds it. PostgreSQL stages the rows with
/// binary COPY and merges them set-wise; SQLite compares row by row. Either way the merge, the run's outcome, its
/// rejected rows and the audit entry commit in one transaction.
/// </summary>
public sealed class FeedImportStore(Database database, FeedRunStore runs, TimeProvider clock)
{
    /// <summary>Merges a demand feed's lines; null (and nothing written) when the run no longer holds the feed.</summary>
    public Task<FeedRunEnd?> ImportLinesAsync(Feed feed, Guid runId, RowParseResult<DemandLine> rows, FeedFetchFacts fetch, CancellationToken ct) =>
        ImportAsync(feed, runId, rows.Accepted.Count, rows.Rejected, fetch, (connection, tx, context) => connection switch
        {
            NpgsqlConnection npgsql => FeedLineMerge.MergeAsync(npgsql, tx, context, rows.Accepted, PresentIds(rows.Rejected), ct),
            _ => FeedEmbeddedMerge.MergeLinesAsync(connection, tx, context, rows.Accepted, PresentIds(rows.Rejected), ct),
        }, ct);

    /// <summary>Merges a forecast feed's lots; null (and nothing written) when the run no longer holds the feed.</summary>
    public Task<FeedRunEnd?> ImportLotsAsync(Feed feed, Guid runId, RowParseResult<HarvestLot> rows, FeedFetchFacts fetch, CancellationToken ct) =>
        ImportAsync(feed, runId, rows.Accepted.Count, rows.Rejected, fetch, (connection, tx, context) => connection switch
        {
            NpgsqlConnection npgsql => FeedLotMerge.MergeAsync(npgsql, tx, context, rows.Accepted, PresentIds(rows.Rejected), ct),
            _ => FeedEmbeddedMerge.MergeLotsAsync(connection, tx, context, rows.Accepted, PresentIds(rows.Rejected), ct),
        }, ct);

    /// <summary>
    /// Codes of row problems that may pass while the file stays the same: the product may be added to the reference data,
    /// the round holding a line may be cancelled or fail. Other problems (a bad cell, a past day, a duplicate id) stay as
    /// long as the file does, so a file with only those is remembered and the next pull of it costs a 304.
    /// </summary>
    private static readonly HashSet<string> MayPass = new(StringComparer.Ordinal) { RowReasons.UnknownProduct.Code, RowReasons.HeldByRound.Code };

    /// <summary>The actor a feed's writes are audited as.</summary>
    public static Actor ActorOf(Feed feed) => new($"feed:{feed.Id}", "system", feed.OwnerId);

    private async Task<FeedRunEnd?> ImportAsync(
        Feed feed, Guid runId, int accepted, IReadOnlyList<RejectedRow> rejected, FeedFetchFacts fetch,
        Func<DbConnection, DbTransaction, MergeContext, Task<MergeCounts>> merge, CancellationToken ct)
    {
        var now = clock.Now();
        var actor = ActorOf(feed);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var counts = await merge(connection, tx, new MergeContext(feed.Id, feed.OwnerId, feed.Mode, now, actor.KeyId));
        var rejections = rejected.SelectMany(r => r.Errors.Select(e => FeedRejection.Of(r.Row, r.Id, e)))
            .Concat(counts.Refused).OrderBy(r => r.Row).ToList();
        var rejectedRows = rejected.Count + counts.Refused.Select(r => r.Row).Distinct().Count();

        // A body with a row refused for a reason that may pass while the file stays the same is not remembered: the next
        // pull reads it in full again (no conditional GET, no "unchanged"), so the row is taken once it can be.
        var end = new FeedRunEnd(FeedRunStatus.Succeeded, fetch.HttpStatus, fetch.Attempts, fetch.Bytes,
            new FeedRunCounts(accepted + rejected.Count, counts.Created, counts.Updated, counts.Unchanged, counts.Cancelled, counts.Kept, rejectedRows),
            null, rejections, rejections.Any(r => r.Code is { } code && MayPass.Contains(code)) ? FeedValidators.None : fetch.Validators);
        var detail = JsonSerializer.Serialize(new { run = runId, counts = end.Counts });
        await AuditStore.AppendAsync(connection, tx, actor, now, "import", feed.Kind == FeedKind.Demand ? "demand_line" : "harvest_lot", feed.Id, detail, ct);
        if (!await runs.FinishAsync(connection, tx, feed.Id, runId, end, ct))
        {
            return null;
        }

        await tx.CommitAsync(ct);
        return end;
    }

    /// <summary>Ids of rows that are in the file but were rejected: a snapshot must not cancel what they stand for.</summary>
    private static HashSet<string> PresentIds(IReadOnlyList<RejectedRow> rejected) =>
        rejected.Where(r => !string.IsNullOrEmpty(r.Id)).Select(r => r.Id!).ToHashSet(StringComparer.Ordinal);
}
