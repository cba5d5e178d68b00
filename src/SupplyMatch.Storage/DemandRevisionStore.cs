using System.Data.Common;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Storage;

/// <summary>One version of a demand line: its terms and status while it was current.</summary>
/// <param name="ValidFrom">When this version was written.</param>
/// <param name="ReplacedAt">When the next version replaced it; null for the current version.</param>
/// <param name="ReplacedBy">Who replaced it (an API key id, or feed:ID); null for the current version.</param>
public sealed record DemandLineRevision(
    int Version, string ProductCode, Grade MinGrade, int QuantityKg, DateOnly Earliest, DateOnly Latest, decimal MaxLandedCnyPerKg,
    int MinFreshnessPercent, bool PartialAllowed, int Priority, string Status, DateTimeOffset ValidFrom, DateTimeOffset? ReplacedAt, string? ReplacedBy);

/// <summary>The revision trail of demand lines: each change or cancel (by API or by a feed) keeps the version it replaces.</summary>
public sealed class DemandRevisionStore(Database database)
{
    private const string Terms = "product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority, status";

    /// <summary>Keeps the line's current version before the caller changes it, inside the caller's transaction.</summary>
    public static Task RecordAsync(DbConnection connection, DbTransaction tx, string lineId, DateTimeOffset now, string by, CancellationToken ct) =>
        connection.Sql(
            $"""
            INSERT INTO demand_line_revisions (line_id, version, {Terms}, valid_from, replaced_at, replaced_by)
            SELECT id, version, {Terms}, updated_at, @now, @by FROM demand_lines WHERE id = @id
            """, tx).With("id", lineId).With("now", now).With("by", by).ExecuteAsync(ct);

    /// <summary>Every version of a line, oldest first, the current one last; null when the line is not found (or not the buyer's).</summary>
    public async Task<IReadOnlyList<DemandLineRevision>?> ListAsync(string lineId, string? buyerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            $"""
            SELECT version, {Terms}, valid_from, replaced_at, replaced_by FROM demand_line_revisions WHERE line_id = @id
            UNION ALL
            SELECT version, {Terms}, updated_at, NULL, NULL FROM demand_lines WHERE id = @id AND (CAST(@buyer AS text) IS NULL OR buyer_id = @buyer)
            ORDER BY 1
            """).With("id", lineId).With("buyer", buyerId);
        await using var r = await command.ExecuteReaderAsync(ct);
        var versions = new List<DemandLineRevision>();
        while (await r.ReadAsync(ct))
        {
            versions.Add(new DemandLineRevision(r.GetInt32(0), r.GetString(1), EnumText.Parse<Grade>(r.GetString(2)), r.GetInt32(3),
                r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetDecimal(6), r.GetInt32(7), r.GetBoolean(8), r.GetInt32(9),
                r.GetString(10), r.Timestamp(11), r.NullableTimestamp(12), r.Nullable<string>(13)));
        }

        return versions.Count > 0 && versions[^1].ReplacedAt is null ? versions : null;
    }
}
