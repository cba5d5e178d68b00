using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>
/// The set-based merge of a forecast feed on PostgreSQL. Lots may be revised at any time (as by API), but not below what a
/// published round sold of them (<see cref="LotSales"/>: such rows are refused as row errors); every new or changed lot gets
/// a revision in lot_revisions. A lot sold in a published round is never cancelled by a snapshot.
/// </summary>
internal static class FeedLotMerge
{
    /// <summary>The lot d is allocated in a published round.</summary>
    internal const string Held =
        "EXISTS (SELECT 1 FROM round_allocations a JOIN rounds r ON r.id = a.round_id WHERE a.lot_id = d.id AND r.status = 'published')";

    private const string Terms = "product_code, grade, harvest_date, available_from, available_to, quantity_kg, firm_kg, price_cny_per_kg, min_order_kg";

    private const string Differs =
        """
        (d.product_code, d.grade, d.harvest_date, d.available_from, d.available_to, d.quantity_kg, d.firm_kg, d.price_cny_per_kg, d.min_order_kg, d.status)
        IS DISTINCT FROM
        (s.product_code, s.grade, s.harvest_date, s.available_from, s.available_to, s.quantity_kg, s.firm_kg, s.price_cny_per_kg, s.min_order_kg, 'open')
        """;

    private const string Revision =
        "INSERT INTO lot_revisions (lot_id, revision, quantity_kg, firm_kg, price_cny_per_kg, changed_at, changed_by) "
        + "SELECT id, revision, quantity_kg, firm_kg, price_cny_per_kg, @now, @by FROM changed";

    public static async Task<MergeCounts> MergeAsync(
        NpgsqlConnection c, DbTransaction tx, MergeContext m, IReadOnlyList<ParsedRow<HarvestLot>> rows, IReadOnlySet<string> otherIds, CancellationToken ct)
    {
        await StageAsync(c, tx, rows, otherIds, ct);
        await Run(c, tx, m,
            $"""
            CREATE TEMP TABLE feed_changed_lots ON COMMIT DROP AS
            SELECT d.id AS lot_id, s.* FROM feed_stage_lots s JOIN harvest_lots d ON d.feed_id = @feed AND d.external_id = s.ext
            WHERE s.accepted AND {Differs}
            """, ct);
        var refused = await RefuseBelowSoldAsync(c, tx, ct);
        var updated = await Run(c, tx, m,
            $"""
            WITH changed AS (
                UPDATE harvest_lots d SET product_code = s.product_code, grade = s.grade, harvest_date = s.harvest_date,
                    available_from = s.available_from, available_to = s.available_to, quantity_kg = s.quantity_kg, firm_kg = s.firm_kg,
                    price_cny_per_kg = s.price_cny_per_kg, min_order_kg = s.min_order_kg, status = 'open', revision = d.revision + 1, updated_at = @now
                FROM feed_changed_lots s WHERE s.lot_id = d.id
                RETURNING d.id, d.revision, d.quantity_kg, d.firm_kg, d.price_cny_per_kg)
            {Revision}
            """, ct);
        var created = await Run(c, tx, m,
            $"""
            WITH changed AS (
                INSERT INTO harvest_lots (id, base_id, {Terms}, revision, created_at, updated_at, status, feed_id, external_id)
                SELECT s.new_id, @owner, {Prefixed("s.")}, 1, @now, @now, 'open', @feed, s.ext FROM feed_stage_lots s
                WHERE s.accepted AND NOT EXISTS (SELECT 1 FROM harvest_lots d WHERE d.feed_id = @feed AND d.external_id = s.ext)
                RETURNING id, revision, quantity_kg, firm_kg, price_cny_per_kg)
            {Revision}
            """, ct);
        var (cancelled, kept) = m.Mode == FeedMode.Snapshot ? await CancelMissingAsync(c, tx, m, ct) : (0, 0);
        return new MergeCounts(created, updated, rows.Count - refused.Count - updated - created, cancelled, kept, refused);
    }

    /// <summary>Missing lots that a published round's logistics plan holds are held too (round_allocations shows the per-kg allocation only).</summary>
    private static async Task HoldPlannedAsync(NpgsqlConnection c, DbTransaction tx, CancellationToken ct)
    {
        var unheld = new List<string>();
        await using (var command = c.Sql("SELECT id FROM feed_missing_lots WHERE NOT held", tx))
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                unheld.Add(r.GetString(0));
            }
        }

        var plans = new Dictionary<Guid, Dictionary<string, int>>();
        var planned = new List<string>();
        foreach (var id in unheld)
        {
            if (await LotSales.SoldAsync(c, tx, id, ct, plans) is not null)
            {
                planned.Add(id);
            }
        }

        if (planned.Count > 0)
        {
            await c.Sql("UPDATE feed_missing_lots SET held = true WHERE id = ANY(@ids)", tx).With("ids", planned.ToArray()).ExecuteAsync(ct);
        }
    }

    /// <summary>Changed rows that would take a lot below what a published round sold of it are refused as row errors.</summary>
    private static async Task<IReadOnlyList<FeedRejection>> RefuseBelowSoldAsync(NpgsqlConnection c, DbTransaction tx, CancellationToken ct)
    {
        var lowered = new List<(int Row, string Ext, string Id, int Stored, int Asked)>();
        await using (var command = c.Sql(
            "SELECT s.row_no, s.ext, s.lot_id, d.quantity_kg, s.quantity_kg FROM feed_changed_lots s JOIN harvest_lots d ON d.id = s.lot_id WHERE s.quantity_kg < d.quantity_kg", tx))
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                lowered.Add((r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4)));
            }
        }

        var refused = new List<FeedRejection>();
        foreach (var (row, ext, id, stored, asked) in lowered)
        {
            if (await LotSales.RefusalAsync(c, tx, row, ext, id, stored, asked, ct) is { } refusal)
            {
                refused.Add(refusal);
            }
        }

        if (refused.Count > 0)
        {
            await c.Sql("DELETE FROM feed_changed_lots WHERE ext = ANY(@ext)", tx).With("ext", refused.Select(r => r.ExternalId!).ToArray()).ExecuteAsync(ct);
        }

        return refused;
    }

    private static async Task StageAsync(
        NpgsqlConnection c, DbTransaction tx, IReadOnlyList<ParsedRow<HarvestLot>> rows, IReadOnlySet<string> otherIds, CancellationToken ct)
    {
        await c.Sql(
            """
            CREATE TEMP TABLE feed_stage_lots (
                ext text NOT NULL, new_id text, row_no integer NOT NULL, accepted boolean NOT NULL, product_code text, grade text,
                harvest_date date, available_from date, available_to date, quantity_kg integer, firm_kg integer,
                price_cny_per_kg numeric(12, 2), min_order_kg integer
            ) ON COMMIT DROP
            """, tx).ExecuteAsync(ct);
        await using (var writer = await c.BeginBinaryImportAsync(
            "COPY feed_stage_lots (ext, new_id, row_no, accepted, product_code, grade, harvest_date, available_from, available_to, quantity_kg, "
            + "firm_kg, price_cny_per_kg, min_order_kg) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (row, l) in rows)
            {
                writer.StartRow();
                writer.Write(l.Id, NpgsqlDbType.Text);
                writer.Write("HL-" + Guid.CreateVersion7().ToString("N"), NpgsqlDbType.Text);
                writer.Write(row, NpgsqlDbType.Integer);
                writer.Write(true, NpgsqlDbType.Boolean);
                writer.Write(l.ProductCode, NpgsqlDbType.Text);
                writer.Write(EnumText.Of(l.Grade), NpgsqlDbType.Text);
                writer.Write(l.HarvestDate, NpgsqlDbType.Date);
                writer.Write(l.AvailableFrom, NpgsqlDbType.Date);
                writer.Write(l.AvailableTo, NpgsqlDbType.Date);
                writer.Write(l.QuantityKg, NpgsqlDbType.Integer);
                if (l.FirmKg is { } firm) { writer.Write(firm, NpgsqlDbType.Integer); } else { writer.WriteNull(); }
                writer.Write(l.PriceCnyPerKg, NpgsqlDbType.Numeric);
                writer.Write(l.MinOrderKg, NpgsqlDbType.Integer);
            }

            FeedStaging.WriteOthers(writer, otherIds, 13);
            await writer.CompleteAsync(ct);
        }

        // As for lines: statistics and an index keep the joins with the staged rows cheap whatever the plan.
        await c.Sql("CREATE INDEX ON feed_stage_lots (ext); ANALYZE feed_stage_lots", tx).ExecuteAsync(ct);

    }

    /// <summary>Snapshot mode: open lots of the feed missing from the file are cancelled (a new revision), except those sold in a published round (its allocation or its logistics plan).</summary>
    private static async Task<(int Cancelled, int Kept)> CancelMissingAsync(NpgsqlConnection c, DbTransaction tx, MergeContext m, CancellationToken ct)
    {
        await Run(c, tx, m,
            $"""
            CREATE TEMP TABLE feed_missing_lots ON COMMIT DROP AS
            SELECT d.id, {Held} AS held FROM harvest_lots d
            WHERE d.feed_id = @feed AND d.status = 'open' AND NOT EXISTS (SELECT 1 FROM feed_stage_lots s WHERE s.ext = d.external_id)
            """, ct);
        await HoldPlannedAsync(c, tx, ct);
        var cancelled = await Run(c, tx, m,
            $"""
            WITH changed AS (
                UPDATE harvest_lots d SET status = 'cancelled', revision = d.revision + 1, updated_at = @now
                FROM feed_missing_lots x WHERE x.id = d.id AND NOT x.held
                RETURNING d.id, d.revision, d.quantity_kg, d.firm_kg, d.price_cny_per_kg)
            {Revision}
            """, ct);
        await using var count = c.Sql("SELECT COUNT(*) FROM feed_missing_lots WHERE held", tx);
        return (cancelled, Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Prefixed(string alias) => string.Join(", ", Terms.Split(", ").Select(t => alias + t));

    private static Task<int> Run(NpgsqlConnection c, DbTransaction tx, MergeContext m, string sql, CancellationToken ct) =>
        FeedStaging.Bind(c.Sql(sql, tx), m).ExecuteAsync(ct);
}
