using System.Data.Common;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>
/// The merge of feeds on the embedded SQLite store: the feed's stored rows are read once and compared with the file in
/// memory; creates, updates and cancels are single-row statements inside the caller's transaction. Same rules as the
/// PostgreSQL merge (the store contract suite runs both).
/// </summary>
internal static class FeedEmbeddedMerge
{
    private sealed record Stored<T>(string Id, T Terms, string Status);

    public static async Task<MergeCounts> MergeLinesAsync(
        DbConnection c, DbTransaction tx, MergeContext m, IReadOnlyList<ParsedRow<DemandLine>> rows, IReadOnlySet<string> otherIds, CancellationToken ct)
    {
        var stored = await LoadAsync(c, tx, m,
            "SELECT id, external_id, status, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority FROM demand_lines",
            r => new DemandLine(r.GetString(1), m.OwnerId, r.GetString(3), EnumText.Parse<Grade>(r.GetString(4)), r.GetInt32(5),
                r.GetFieldValue<DateOnly>(6), r.GetFieldValue<DateOnly>(7), r.GetDecimal(8), r.GetInt32(9), r.GetBoolean(10), r.GetInt32(11)), ct);
        int created = 0, updated = 0;
        var refused = new List<FeedRejection>();
        foreach (var (row, line) in rows)
        {
            if (!stored.TryGetValue(line.Id, out var current))
            {
                await EmbeddedWrites.InsertLineAsync(c, tx, m, line, ct);
                created++;
            }
            else if (current.Terms != line || current.Status != "open")
            {
                if (await HeldAsync(c, tx, FeedLineMerge.Held, current.Id, m, ct))
                {
                    refused.Add(FeedRejection.Of(row, line.Id, "id", FeedLineMerge.HeldReason(current.Id, line.Id, FeedLineMerge.ThisFeed)));
                    continue;
                }

                await EmbeddedWrites.UpdateLineAsync(c, tx, m, current.Id, line, ct);
                updated++;
            }
        }

        var (cancelled, kept) = m.Mode == FeedMode.Snapshot
            ? await CancelMissingAsync(c, tx, m, stored, rows.Select(r => r.Value.Id), otherIds, FeedLineMerge.Held, EmbeddedWrites.CancelLineAsync, ct)
            : (0, 0);
        return new MergeCounts(created, updated, rows.Count - refused.Count - updated - created, cancelled, kept, refused);
    }

    public static async Task<MergeCounts> MergeLotsAsync(
        DbConnection c, DbTransaction tx, MergeContext m, IReadOnlyList<ParsedRow<HarvestLot>> rows, IReadOnlySet<string> otherIds, CancellationToken ct)
    {
        var stored = await LoadAsync(c, tx, m,
            "SELECT id, external_id, status, product_code, grade, harvest_date, available_from, available_to, quantity_kg, firm_kg, price_cny_per_kg, min_order_kg FROM harvest_lots",
            r => new HarvestLot(r.GetString(1), m.OwnerId, r.GetString(3), EnumText.Parse<Grade>(r.GetString(4)), r.GetFieldValue<DateOnly>(5),
                r.GetFieldValue<DateOnly>(6), r.GetFieldValue<DateOnly>(7), r.GetInt32(8), r.NullableValue<int>(9), r.GetDecimal(10), r.GetInt32(11)), ct);
        int created = 0, updated = 0;
        var refused = new List<FeedRejection>();
        foreach (var (row, lot) in rows)
        {
            if (!stored.TryGetValue(lot.Id, out var current))
            {
                await EmbeddedWrites.InsertLotAsync(c, tx, m, lot, ct);
                created++;
            }
            else if (current.Terms != lot || current.Status != "open")
            {
                if (await LotSales.RefusalAsync(c, tx, row, lot.Id, current.Id, current.Terms.QuantityKg, lot.QuantityKg, ct) is { } refusal)
                {
                    refused.Add(refusal);
                    continue;
                }

                await EmbeddedWrites.UpdateLotAsync(c, tx, m, current.Id, lot, ct);
                updated++;
            }
        }

        var plans = new Dictionary<Guid, Dictionary<string, int>>();
        var (cancelled, kept) = m.Mode == FeedMode.Snapshot
            ? await CancelMissingAsync(c, tx, m, stored, rows.Select(r => r.Value.Id), otherIds, FeedLotMerge.Held, EmbeddedWrites.CancelLotAsync, ct,
                async id => await LotSales.SoldAsync(c, tx, id, ct, plans) is not null)
            : (0, 0);
        return new MergeCounts(created, updated, rows.Count - refused.Count - updated - created, cancelled, kept, refused);
    }

    /// <summary>The feed's stored rows by external id.</summary>
    private static async Task<Dictionary<string, Stored<T>>> LoadAsync<T>(
        DbConnection c, DbTransaction tx, MergeContext m, string select, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = c.Sql($"{select} WHERE feed_id = @feed", tx).With("feed", m.FeedId);
        await using var r = await command.ExecuteReaderAsync(ct);
        var stored = new Dictionary<string, Stored<T>>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            stored[r.GetString(1)] = new Stored<T>(r.GetString(0), read(r), r.GetString(2));
        }

        return stored;
    }

    private static async Task<(int Cancelled, int Kept)> CancelMissingAsync<T>(
        DbConnection c, DbTransaction tx, MergeContext m, Dictionary<string, Stored<T>> stored, IEnumerable<string> accepted,
        IReadOnlySet<string> otherIds, string held, Func<DbConnection, DbTransaction, MergeContext, string, CancellationToken, Task> cancel, CancellationToken ct,
        Func<string, Task<bool>>? alsoHeld = null)
    {
        var present = new HashSet<string>(accepted, StringComparer.Ordinal);
        present.UnionWith(otherIds);
        int cancelled = 0, kept = 0;
        foreach (var (ext, row) in stored.Where(p => p.Value.Status == "open" && !present.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (await HeldAsync(c, tx, held, row.Id, m, ct) || (alsoHeld is not null && await alsoHeld(row.Id)))
            {
                kept++;
                continue;
            }

            await cancel(c, tx, m, row.Id, ct);
            cancelled++;
        }

        return (cancelled, kept);
    }

    private static async Task<bool> HeldAsync(DbConnection c, DbTransaction tx, string held, string id, MergeContext m, CancellationToken ct)
    {
        await using var command = c.Sql($"SELECT {held} FROM (SELECT @id AS id) d", tx).With("id", id);
        if (held.Contains("@now", StringComparison.Ordinal))
        {
            command.With("now", m.Now);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }
}
