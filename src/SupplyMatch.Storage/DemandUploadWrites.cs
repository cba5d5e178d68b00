using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Storage;

/// <summary>
/// The write of an upload's changed lines inside the caller's transaction: each line's current version goes to its
/// revisions, then the line takes the new terms, open, one version up. PostgreSQL stages the terms with binary COPY and
/// writes them in two statements (a corrected file may change every one of its 10,000 rows); SQLite writes row by row.
/// </summary>
internal static class DemandUploadWrites
{
    private const string Terms = "product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority";

    public static Task UpdateAsync(DbConnection c, DbTransaction tx, IReadOnlyList<DemandLine> lines, DateTimeOffset now, string by, CancellationToken ct) =>
        c is NpgsqlConnection npgsql ? UpdateSetAsync(npgsql, tx, lines, now, by, ct) : UpdateEachAsync(c, tx, lines, now, by, ct);

    private static async Task UpdateSetAsync(
        NpgsqlConnection c, DbTransaction tx, IReadOnlyList<DemandLine> lines, DateTimeOffset now, string by, CancellationToken ct)
    {
        await c.Sql(
            """
            CREATE TEMP TABLE upload_changed_lines (
                id text PRIMARY KEY, product_code text NOT NULL, min_grade text NOT NULL, quantity_kg integer NOT NULL, earliest date NOT NULL,
                latest date NOT NULL, max_landed_cny_per_kg numeric(12, 2) NOT NULL, min_freshness_pct integer NOT NULL,
                partial_allowed boolean NOT NULL, priority integer NOT NULL
            ) ON COMMIT DROP
            """, tx).ExecuteAsync(ct);
        await using (var writer = await c.BeginBinaryImportAsync($"COPY upload_changed_lines (id, {Terms}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var l in lines)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(l.Id, NpgsqlDbType.Text, ct);
                await DemandStore.WriteTermsAsync(writer, l, ct);
            }

            await writer.CompleteAsync(ct);
        }

        var current = string.Join(", ", Terms.Split(", ").Select(t => "d." + t));
        await c.Sql(
            $"""
            INSERT INTO demand_line_revisions (line_id, version, {Terms}, status, valid_from, replaced_at, replaced_by)
            SELECT d.id, d.version, {current}, d.status, d.updated_at, @now, @by FROM demand_lines d JOIN upload_changed_lines s ON s.id = d.id
            """, tx).With("now", now).With("by", by).ExecuteAsync(ct);
        await c.Sql(
            """
            UPDATE demand_lines d SET product_code = s.product_code, min_grade = s.min_grade, quantity_kg = s.quantity_kg, earliest = s.earliest,
                latest = s.latest, max_landed_cny_per_kg = s.max_landed_cny_per_kg, min_freshness_pct = s.min_freshness_pct,
                partial_allowed = s.partial_allowed, priority = s.priority, status = 'open', version = d.version + 1, updated_at = @now
            FROM upload_changed_lines s WHERE s.id = d.id
            """, tx).With("now", now).ExecuteAsync(ct);
    }

    private static async Task UpdateEachAsync(
        DbConnection c, DbTransaction tx, IReadOnlyList<DemandLine> lines, DateTimeOffset now, string by, CancellationToken ct)
    {
        foreach (var line in lines)
        {
            await DemandRevisionStore.RecordAsync(c, tx, line.Id, now, by, ct);
            await c.Sql(
                """
                UPDATE demand_lines SET product_code = @product, min_grade = @grade, quantity_kg = @kg, earliest = @earliest, latest = @latest,
                    max_landed_cny_per_kg = @max, min_freshness_pct = @fresh, partial_allowed = @partial, priority = @priority,
                    status = 'open', version = version + 1, updated_at = @now
                WHERE id = @id
                """, tx).With("id", line.Id).With("now", now).WithLineTerms(line).ExecuteAsync(ct);
        }
    }
}
