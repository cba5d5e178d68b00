using System.Data.Common;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Storage;

/// <summary>The single-row writes of the embedded feed merge.</summary>
internal static class EmbeddedWrites
{
    public static Task InsertLineAsync(DbConnection c, DbTransaction tx, MergeContext m, DemandLine l, CancellationToken ct) =>
        c.Sql(
            """
            INSERT INTO demand_lines (id, buyer_id, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct,
                partial_allowed, priority, status, version, created_at, updated_at, feed_id, external_id)
            VALUES (@id, @owner, @product, @grade, @kg, @earliest, @latest, @max, @fresh, @partial, @priority, 'open', 1, @now, @now, @feed, @ext)
            """, tx).With("id", "DL-" + Guid.CreateVersion7().ToString("N")).With("owner", m.OwnerId).With("feed", m.FeedId).With("ext", l.Id)
            .With("now", m.Now).WithLineTerms(l).ExecuteAsync(ct);

    public static async Task UpdateLineAsync(DbConnection c, DbTransaction tx, MergeContext m, string id, DemandLine l, CancellationToken ct)
    {
        await DemandRevisionStore.RecordAsync(c, tx, id, m.Now, m.By, ct);
        await c.Sql(
            """
            UPDATE demand_lines SET product_code = @product, min_grade = @grade, quantity_kg = @kg, earliest = @earliest, latest = @latest,
                max_landed_cny_per_kg = @max, min_freshness_pct = @fresh, partial_allowed = @partial, priority = @priority,
                status = 'open', version = version + 1, updated_at = @now
            WHERE id = @id
            """, tx).With("id", id).With("now", m.Now).WithLineTerms(l).ExecuteAsync(ct);
    }

    public static async Task CancelLineAsync(DbConnection c, DbTransaction tx, MergeContext m, string id, CancellationToken ct)
    {
        await DemandRevisionStore.RecordAsync(c, tx, id, m.Now, m.By, ct);
        await c.Sql("UPDATE demand_lines SET status = 'cancelled', version = version + 1, updated_at = @now WHERE id = @id", tx)
            .With("id", id).With("now", m.Now).ExecuteAsync(ct);
    }

    public static async Task InsertLotAsync(DbConnection c, DbTransaction tx, MergeContext m, HarvestLot l, CancellationToken ct)
    {
        var id = "HL-" + Guid.CreateVersion7().ToString("N");
        await c.Sql(
            """
            INSERT INTO harvest_lots (id, base_id, product_code, grade, harvest_date, available_from, available_to, quantity_kg, firm_kg,
                price_cny_per_kg, min_order_kg, revision, created_at, updated_at, status, feed_id, external_id)
            VALUES (@id, @owner, @product, @grade, @harvest, @from, @to, @kg, @firm, @price, @moq, 1, @now, @now, 'open', @feed, @ext)
            """, tx).With("id", id).With("owner", m.OwnerId).With("feed", m.FeedId).With("ext", l.Id).With("now", m.Now)
            .WithLotTerms(l).ExecuteAsync(ct);
        await LotRevisionAsync(c, tx, m, id, ct);
    }

    public static async Task UpdateLotAsync(DbConnection c, DbTransaction tx, MergeContext m, string id, HarvestLot l, CancellationToken ct)
    {
        await c.Sql(
            """
            UPDATE harvest_lots SET product_code = @product, grade = @grade, harvest_date = @harvest, available_from = @from, available_to = @to,
                quantity_kg = @kg, firm_kg = @firm, price_cny_per_kg = @price, min_order_kg = @moq, status = 'open', revision = revision + 1,
                updated_at = @now
            WHERE id = @id
            """, tx).With("id", id).With("now", m.Now).WithLotTerms(l).ExecuteAsync(ct);
        await LotRevisionAsync(c, tx, m, id, ct);
    }

    public static async Task CancelLotAsync(DbConnection c, DbTransaction tx, MergeContext m, string id, CancellationToken ct)
    {
        await c.Sql("UPDATE harvest_lots SET status = 'cancelled', revision = revision + 1, updated_at = @now WHERE id = @id", tx)
            .With("id", id).With("now", m.Now).ExecuteAsync(ct);
        await LotRevisionAsync(c, tx, m, id, ct);
    }

    /// <summary>Records the lot's current quantity and price as its current revision.</summary>
    private static Task LotRevisionAsync(DbConnection c, DbTransaction tx, MergeContext m, string id, CancellationToken ct) =>
        c.Sql(
            """
            INSERT INTO lot_revisions (lot_id, revision, quantity_kg, firm_kg, price_cny_per_kg, changed_at, changed_by)
            SELECT id, revision, quantity_kg, firm_kg, price_cny_per_kg, @now, @by FROM harvest_lots WHERE id = @id
            """, tx).With("id", id).With("now", m.Now).With("by", m.By).ExecuteAsync(ct);

    internal static DbCommand WithLineTerms(this DbCommand command, DemandLine l) =>
        command.With("product", l.ProductCode).With("grade", EnumText.Of(l.MinGrade)).With("kg", l.QuantityKg).With("earliest", l.Earliest)
            .With("latest", l.Latest).With("max", l.MaxLandedCnyPerKg).With("fresh", l.MinFreshnessPercent).With("partial", l.PartialAllowed)
            .With("priority", l.Priority);

    private static DbCommand WithLotTerms(this DbCommand command, HarvestLot l) =>
        command.With("product", l.ProductCode).With("grade", EnumText.Of(l.Grade)).With("harvest", l.HarvestDate).With("from", l.AvailableFrom)
            .With("to", l.AvailableTo).With("kg", l.QuantityKg).With("firm", l.FirmKg).With("price", l.PriceCnyPerKg).With("moq", l.MinOrderKg);
}
