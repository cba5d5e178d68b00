using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>The set-based merge of a demand feed on PostgreSQL: binary COPY into a temporary table, then a few statements.</summary>
internal static class FeedLineMerge
{
    /// <summary>A round whose cutoff has passed holds the line d (the same rule as changing or cancelling it by API).</summary>
    internal const string Held =
        """
        EXISTS (SELECT 1 FROM round_lines rl JOIN rounds r ON r.id = rl.round_id
                WHERE rl.line_id = d.id AND r.cutoff <= @now AND r.status IN ('queued', 'running', 'solved', 'published'))
        """;

    /// <summary>Where the id of a refused row is, in the reason.</summary>
    internal static readonly Bilingual ThisFeed = new("this feed", "本数据源"), ThisFile = new("this file", "本文件");

    /// <summary>Why a changed row of a line a round holds is refused; <paramref name="source"/> says where the id is (<see cref="ThisFeed"/>, <see cref="ThisFile"/>).</summary>
    internal static RowReason HeldReason(string lineId, string externalId, Bilingual source) =>
        RowReasons.HeldByRound.With(("line", lineId), ("id", externalId), ("source", source));

    private const string Terms = "product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority";

    private const string Differs =
        """
        (d.product_code, d.min_grade, d.quantity_kg, d.earliest, d.latest, d.max_landed_cny_per_kg, d.min_freshness_pct, d.partial_allowed, d.priority, d.status)
        IS DISTINCT FROM
        (s.product_code, s.min_grade, s.quantity_kg, s.earliest, s.latest, s.max_landed_cny_per_kg, s.min_freshness_pct, s.partial_allowed, s.priority, 'open')
        """;

    private const string Matched = "FROM feed_stage_lines s JOIN demand_lines d ON d.feed_id = @feed AND d.external_id = s.ext";

    public static async Task<MergeCounts> MergeAsync(
        NpgsqlConnection c, DbTransaction tx, MergeContext m, IReadOnlyList<ParsedRow<DemandLine>> rows, IReadOnlySet<string> otherIds, CancellationToken ct)
    {
        await StageAsync(c, tx, rows, otherIds, ct);
        // One pass over the file finds the rows whose line differs; everything after works on that (usually small) set.
        await Run(c, tx, m,
            $"""
            CREATE TEMP TABLE feed_changed_lines ON COMMIT DROP AS
            SELECT d.id, s.* {Matched} WHERE s.accepted AND {Differs}
            """, ct);
        var refused = await RefuseHeldChangesAsync(c, tx, m, ct);
        await Run(c, tx, m,
            $"""
            INSERT INTO demand_line_revisions (line_id, version, {Terms}, status, valid_from, replaced_at, replaced_by)
            SELECT d.id, d.version, {Prefixed("d.")}, d.status, d.updated_at, @now, @by FROM demand_lines d JOIN feed_changed_lines s ON s.id = d.id
            """, ct);
        var updated = await Run(c, tx, m,
            """
            UPDATE demand_lines d SET product_code = s.product_code, min_grade = s.min_grade, quantity_kg = s.quantity_kg, earliest = s.earliest,
                latest = s.latest, max_landed_cny_per_kg = s.max_landed_cny_per_kg, min_freshness_pct = s.min_freshness_pct,
                partial_allowed = s.partial_allowed, priority = s.priority, status = 'open', version = d.version + 1, updated_at = @now
            FROM feed_changed_lines s WHERE s.id = d.id
            """, ct);
        var created = await Run(c, tx, m,
            $"""
            INSERT INTO demand_lines (id, buyer_id, {Terms}, status, version, created_at, updated_at, feed_id, external_id)
            SELECT s.new_id, @owner, {Prefixed("s.")}, 'open', 1, @now, @now, @feed, s.ext FROM feed_stage_lines s
            WHERE s.accepted AND NOT EXISTS (SELECT 1 FROM demand_lines d WHERE d.feed_id = @feed AND d.external_id = s.ext)
            """, ct);
        var (cancelled, kept) = m.Mode == FeedMode.Snapshot ? await CancelMissingAsync(c, tx, m, ct) : (0, 0);
        return new MergeCounts(created, updated, rows.Count - refused.Count - updated - created, cancelled, kept, refused);
    }

    private static async Task StageAsync(
        NpgsqlConnection c, DbTransaction tx, IReadOnlyList<ParsedRow<DemandLine>> rows, IReadOnlySet<string> otherIds, CancellationToken ct)
    {
        await c.Sql(
            """
            CREATE TEMP TABLE feed_stage_lines (
                ext text NOT NULL, new_id text, row_no integer NOT NULL, accepted boolean NOT NULL, product_code text, min_grade text,
                quantity_kg integer, earliest date, latest date, max_landed_cny_per_kg numeric(12, 2), min_freshness_pct integer,
                partial_allowed boolean, priority integer
            ) ON COMMIT DROP
            """, tx).ExecuteAsync(ct);
        await using (var writer = await c.BeginBinaryImportAsync(
            "COPY feed_stage_lines (ext, new_id, row_no, accepted, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, "
            + "min_freshness_pct, partial_allowed, priority) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (row, l) in rows)
            {
                writer.StartRow();
                writer.Write(l.Id, NpgsqlDbType.Text);
                writer.Write("DL-" + Guid.CreateVersion7().ToString("N"), NpgsqlDbType.Text);
                writer.Write(row, NpgsqlDbType.Integer);
                writer.Write(true, NpgsqlDbType.Boolean);
                writer.Write(l.ProductCode, NpgsqlDbType.Text);
                writer.Write(EnumText.Of(l.MinGrade), NpgsqlDbType.Text);
                writer.Write(l.QuantityKg, NpgsqlDbType.Integer);
                writer.Write(l.Earliest, NpgsqlDbType.Date);
                writer.Write(l.Latest, NpgsqlDbType.Date);
                writer.Write(l.MaxLandedCnyPerKg, NpgsqlDbType.Numeric);
                writer.Write(l.MinFreshnessPercent, NpgsqlDbType.Integer);
                writer.Write(l.PartialAllowed, NpgsqlDbType.Boolean);
                writer.Write(l.Priority, NpgsqlDbType.Integer);
            }

            FeedStaging.WriteOthers(writer, otherIds, 13);
            await writer.CompleteAsync(ct);
        }

        // Statistics and an index on the external id keep every join with the staged rows cheap, whatever plan is chosen: the
        // statistics of demand_lines lag behind a large merge in the same transaction, and without the index a nested loop
        // over 200,000 staged rows per stored line takes minutes.
        await c.Sql("CREATE INDEX ON feed_stage_lines (ext); ANALYZE feed_stage_lines", tx).ExecuteAsync(ct);

    }

    /// <summary>Changed rows whose line a round already holds cannot be applied: they are refused as row errors.</summary>
    private static async Task<IReadOnlyList<FeedRejection>> RefuseHeldChangesAsync(NpgsqlConnection c, DbTransaction tx, MergeContext m, CancellationToken ct)
    {
        await using var command = FeedStaging.Bind(c.Sql($"SELECT d.row_no, d.ext, d.id FROM feed_changed_lines d WHERE {Held}", tx), m);
        var refused = await FeedStaging.ReadRefusalsAsync(command,
            (ext, id) => HeldReason(id, ext, ThisFeed), ct);
        if (refused.Count > 0)
        {
            await c.Sql("DELETE FROM feed_changed_lines WHERE ext = ANY(@ext)", tx).With("ext", refused.Select(r => r.ExternalId!).ToArray()).ExecuteAsync(ct);
        }

        return refused;
    }

    /// <summary>Snapshot mode: open lines of the feed missing from the file are cancelled, except those a round holds.</summary>
    private static async Task<(int Cancelled, int Kept)> CancelMissingAsync(NpgsqlConnection c, DbTransaction tx, MergeContext m, CancellationToken ct)
    {
        await Run(c, tx, m,
            $"""
            CREATE TEMP TABLE feed_missing_lines ON COMMIT DROP AS
            SELECT d.id, {Held} AS held FROM demand_lines d
            WHERE d.feed_id = @feed AND d.status = 'open' AND NOT EXISTS (SELECT 1 FROM feed_stage_lines s WHERE s.ext = d.external_id)
            """, ct);
        await Run(c, tx, m,
            $"""
            INSERT INTO demand_line_revisions (line_id, version, {Terms}, status, valid_from, replaced_at, replaced_by)
            SELECT d.id, d.version, {Prefixed("d.")}, d.status, d.updated_at, @now, @by
            FROM demand_lines d JOIN feed_missing_lines x ON x.id = d.id WHERE NOT x.held
            """, ct);
        var cancelled = await Run(c, tx, m,
            """
            UPDATE demand_lines d SET status = 'cancelled', version = d.version + 1, updated_at = @now
            FROM feed_missing_lines x WHERE x.id = d.id AND NOT x.held
            """, ct);
        await using var count = c.Sql("SELECT COUNT(*) FROM feed_missing_lines WHERE held", tx);
        return (cancelled, Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Prefixed(string alias) => string.Join(", ", Terms.Split(", ").Select(t => alias + t));

    private static Task<int> Run(NpgsqlConnection c, DbTransaction tx, MergeContext m, string sql, CancellationToken ct) =>
        FeedStaging.Bind(c.Sql(sql, tx), m).ExecuteAsync(ct);
}
