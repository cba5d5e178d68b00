using System.Data.Common;
using System.Text.Json;
using Npgsql;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>What an upload did with one good row of a lines file.</summary>
public enum UploadOutcome
{
    /// <summary>The (buyer, file id) was new: a line was created.</summary>
    Created,

    /// <summary>The row differs from its line (or the line was cancelled): the line took the row's terms and the old version was kept.</summary>
    Updated,

    /// <summary>The row is the line as stored: nothing was written.</summary>
    Unchanged,
}

/// <summary>A good row of an uploaded lines file.</summary>
/// <param name="Row">Record number in the file (the header is row 1).</param>
/// <param name="FileId">The row's id in the file: with the line's buyer, the key of the line.</param>
/// <param name="Line">The line the row asks for, with the id a new line gets if the key is new.</param>
public sealed record UploadRow(int Row, string FileId, DemandLine Line);

/// <summary>A row that holds a line: which line, and what the upload did to it.</summary>
public sealed record UploadedRow(int Row, string FileId, string LineId, UploadOutcome Outcome);

/// <summary>A good row the upload could not apply (its line is held by a round past its cutoff), with the column and reason.</summary>
public sealed record UploadRefusal(int Row, string FileId, string Column, RowReason Reason);

/// <summary>The stored rows in row order and the refused ones.</summary>
public sealed record UploadMerge(IReadOnlyList<UploadedRow> Stored, IReadOnlyList<UploadRefusal> Refused);

/// <summary>
/// Merges uploaded lines files into the buyers' lines, keyed by (buyer, the file's id for the row), by the rules of a
/// demand feed in incremental mode: a new key creates a line, a changed row updates its line and keeps the old version
/// (a cancelled line is reopened), an identical row writes nothing, and a changed row whose line a round holds past its
/// cutoff is refused. Lines the file does not name are left as they are. Feed lines and lines typed into the API are
/// outside the key. The decisions are the same code on both engines; PostgreSQL adds locks, and writes in bulk.
/// </summary>
public sealed class DemandUploadStore(Database database, TimeProvider clock)
{
    private sealed record StoredLine(DemandLine Line, string Status);

    /// <summary>Applies the rows in one transaction. Rows must not repeat a (buyer, file id) key; the file parser rejects repeated ids.</summary>
    public async Task<UploadMerge> MergeAsync(IReadOnlyList<UploadRow> rows, Actor actor, CancellationToken ct)
    {
        var duplicate = rows.GroupBy(r => (r.Line.BuyerId, r.FileId)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"id \"{duplicate.Key.FileId}\" of buyer {duplicate.Key.BuyerId} is in the rows more than once", nameof(rows));
        }

        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var stored = new Dictionary<(string Buyer, string FileId), StoredLine>();
        foreach (var buyer in rows.GroupBy(r => r.Line.BuyerId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await LoadAsync(connection, tx, buyer.Key, buyer.Select(r => r.FileId).ToList(), stored, ct);
        }

        var created = new List<UploadRow>();
        var changed = new List<UploadRow>();
        var result = new List<UploadedRow>(rows.Count);
        foreach (var row in rows)
        {
            if (!stored.TryGetValue((row.Line.BuyerId, row.FileId), out var current))
            {
                created.Add(row);
                result.Add(new UploadedRow(row.Row, row.FileId, row.Line.Id, UploadOutcome.Created));
            }
            else if (row.Line with { Id = current.Line.Id } == current.Line && current.Status == "open")
            {
                result.Add(new UploadedRow(row.Row, row.FileId, current.Line.Id, UploadOutcome.Unchanged));
            }
            else
            {
                changed.Add(row with { Line = row.Line with { Id = current.Line.Id } });
            }
        }

        var held = await HeldAsync(connection, tx, changed.Select(r => r.Line.Id).ToList(), now, ct);
        var refused = changed.Where(r => held.Contains(r.Line.Id))
            .Select(r => new UploadRefusal(r.Row, r.FileId, "id", FeedLineMerge.HeldReason(r.Line.Id, r.FileId, FeedLineMerge.ThisFile))).ToList();
        var updates = changed.Where(r => !held.Contains(r.Line.Id)).ToList();
        result.AddRange(updates.Select(r => new UploadedRow(r.Row, r.FileId, r.Line.Id, UploadOutcome.Updated)));
        await UpdateAsync(connection, tx, updates.Select(r => r.Line).ToList(), now, actor, ct);
        await InsertAsync(connection, tx, created, now, actor, ct);
        await tx.CommitAsync(ct);
        return new UploadMerge([.. result.OrderBy(r => r.Row)], refused);
    }

    /// <summary>
    /// The buyer's uploaded lines whose file ids are among <paramref name="fileIds"/>. On PostgreSQL a transaction lock per
    /// buyer makes a second upload for the same buyer wait for the first (else both would create the same new key), and
    /// the rows are locked against a concurrent change by API or a round's snapshot until the upload commits. SQLite's
    /// write transaction already runs alone.
    /// </summary>
    private static async Task LoadAsync(
        DbConnection c, DbTransaction tx, string buyer, IReadOnlyList<string> fileIds, Dictionary<(string, string), StoredLine> stored, CancellationToken ct)
    {
        var postgres = c is NpgsqlConnection;
        if (postgres)
        {
            await c.Sql("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", tx).With("key", "demand-upload:" + buyer).ExecuteAsync(ct);
        }

        await using var command = WithIds(c.Sql(
            $"""
            SELECT id, external_id, status, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct,
                partial_allowed, priority
            FROM demand_lines WHERE buyer_id = @buyer AND feed_id IS NULL AND {AmongIds(c, "external_id")} {(postgres ? "FOR UPDATE" : "")}
            """, tx), fileIds).With("buyer", buyer);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var line = new DemandLine(r.GetString(0), buyer, r.GetString(3), EnumText.Parse<Grade>(r.GetString(4)), r.GetInt32(5),
                r.GetFieldValue<DateOnly>(6), r.GetFieldValue<DateOnly>(7), r.GetDecimal(8), r.GetInt32(9), r.GetBoolean(10), r.GetInt32(11));
            stored[(buyer, r.GetString(1))] = new StoredLine(line, r.GetString(2));
        }
    }

    /// <summary>The lines among <paramref name="ids"/> that a round holds past its cutoff: the feed merges' rule, in one query.</summary>
    private static async Task<HashSet<string>> HeldAsync(DbConnection c, DbTransaction tx, IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken ct)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return held;
        }

        await using var command = WithIds(c.Sql($"SELECT d.id FROM demand_lines d WHERE {AmongIds(c, "d.id")} AND {FeedLineMerge.Held}", tx), ids).With("now", now);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            held.Add(r.GetString(0));
        }

        return held;
    }

    /// <summary>"column is one of @ids": a text array on PostgreSQL, a JSON array on SQLite.</summary>
    private static string AmongIds(DbConnection c, string column) =>
        c is NpgsqlConnection ? $"{column} = ANY(@ids)" : $"{column} IN (SELECT value FROM json_each(@ids))";

    private static DbCommand WithIds(DbCommand command, IReadOnlyList<string> ids) =>
        command.Connection is NpgsqlConnection ? command.With("ids", ids.ToArray()) : command.With("ids", JsonSerializer.Serialize(ids));

    /// <summary>Changed lines take the rows' terms (open again if cancelled), each keeping its old version, with one audit entry.</summary>
    private static async Task UpdateAsync(DbConnection c, DbTransaction tx, IReadOnlyList<DemandLine> lines, DateTimeOffset now, Actor actor, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return;
        }

        await DemandUploadWrites.UpdateAsync(c, tx, lines, now, actor.KeyId, ct);
        var detail = JsonSerializer.Serialize(new { count = lines.Count, ids = lines.Select(l => l.Id) });
        await AuditStore.AppendAsync(c, tx, actor, now, "change", "demand_line", lines[0].Id, detail, ct);
    }

    /// <summary>New keys become lines (COPY on PostgreSQL) with one audit entry, as a batch submitted by API.</summary>
    private static async Task InsertAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UploadRow> rows, DateTimeOffset now, Actor actor, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var lines = rows.Select(r => r.Line).ToList();
        await DemandStore.InsertAsync(c, tx, lines, rows.Select(r => r.FileId).ToList(), now, ct);
        var detail = JsonSerializer.Serialize(new { count = lines.Count, ids = lines.Select(l => l.Id) });
        await AuditStore.AppendAsync(c, tx, actor, now, "submit", "demand_line", lines[0].Id, detail, ct);
    }
}
