using System.Data.Common;
using System.Text.Json;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Storage;

/// <summary>A stored harvest forecast lot with its current revision.</summary>
/// <param name="Status">"open", or "cancelled" once a snapshot feed no longer lists it (cancelled lots are left out of rounds).</param>
public sealed record LotRecord(HarvestLot Lot, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Status = "open");

/// <summary>One revision of a lot's quantity and price (revision 1 is the lot as posted).</summary>
public sealed record LotRevision(int Revision, int QuantityKg, int? FirmKg, decimal PriceCnyPerKg, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>A change of quantity and/or price; null fields stay as they are.</summary>
public sealed record LotRevisionRequest(int? QuantityKg, int? FirmKg, decimal? PriceCnyPerKg);

/// <summary>What a published round's binding plan has sold of a lot.</summary>
public sealed record LotSold(Guid RoundId, int Kg);

/// <summary>
/// A lot revision's outcome: the lot as revised, or, with nothing changed, the sale it would fall below (what the binding
/// plan sold) or the lot as it stands when it is cancelled (rounds leave it out, so a revision would change nothing they use).
/// </summary>
public sealed record LotRevisionOutcome(LotRecord? Lot, LotSold? Below, LotRecord? Cancelled = null);

/// <summary>Bases' harvest forecast lots with their revision history.</summary>
public sealed class ForecastStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, base_id, product_code, grade, harvest_date, available_from, available_to, quantity_kg, firm_kg, price_cny_per_kg, min_order_kg, revision, created_at, updated_at";

    private const string Selected = Columns + ", status";

    /// <summary>Stores new lots (revision 1 each) in one transaction.</summary>
    public async Task PostAsync(IReadOnlyList<HarvestLot> lots, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await InsertAsync(connection, tx, lots, actor.KeyId, now, ct);
        var detail = JsonSerializer.Serialize(new { count = lots.Count, ids = lots.Select(l => l.Id) });
        await AuditStore.AppendAsync(connection, tx, actor, now, "post", "harvest_lot", lots[0].Id, detail, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Records a new revision. A forecast may change at any time, but its quantity may not fall below the kg that a
    /// published round's binding plan (its logistics plan when it planned whole trucks, else its allocation) has sold of the
    /// lot: then nothing changes and that sale is returned. Lot null when the lot does not exist or is another base's.
    /// </summary>
    public async Task<LotRevisionOutcome> ReviseAsync(string id, string? baseId, LotRevisionRequest change, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await GetAsync(connection, tx, id, baseId, lockRow: database.IsPostgres, ct);
        if (current is null)
        {
            return new LotRevisionOutcome(null, null);
        }

        if (current.Status == "cancelled")
        {
            return new LotRevisionOutcome(null, null, current);
        }

        if (change.QuantityKg < current.Lot.QuantityKg && await LotSales.SoldAsync(connection, tx, id, ct) is { } sold && change.QuantityKg < sold.Kg)
        {
            return new LotRevisionOutcome(null, sold);
        }

        var lot = current.Lot with
        {
            QuantityKg = change.QuantityKg ?? current.Lot.QuantityKg,
            FirmKg = change.FirmKg ?? current.Lot.FirmKg,
            PriceCnyPerKg = change.PriceCnyPerKg ?? current.Lot.PriceCnyPerKg,
        };
        var revision = current.Revision + 1;
        await connection.Sql(
            """
            UPDATE harvest_lots SET quantity_kg = @kg, firm_kg = @firm, price_cny_per_kg = @price, revision = @rev, updated_at = @now
            WHERE id = @id
            """, tx).With("kg", lot.QuantityKg).With("firm", lot.FirmKg).With("price", lot.PriceCnyPerKg)
            .With("rev", revision).With("now", now).With("id", id).ExecuteAsync(ct);
        await InsertRevisionAsync(connection, tx, lot, revision, actor.KeyId, now, ct);
        await AuditStore.AppendAsync(connection, tx, actor, now, "revise", "harvest_lot", id, JsonSerializer.Serialize(change), ct);
        await tx.CommitAsync(ct);
        return new LotRevisionOutcome(current with { Lot = lot, Revision = revision, UpdatedAt = now }, null);
    }


    public async Task<LotRecord?> GetAsync(string id, string? baseId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await GetAsync(connection, null, id, baseId, lockRow: false, ct);
    }

    public async Task<IReadOnlyList<LotRecord>> ListAsync(string? baseId, string? status, string? afterId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("");
        var where = new List<string>();
        if (baseId is not null) { where.Add("base_id = @base"); command.With("base", baseId); }
        if (status is not null) { where.Add("status = @status"); command.With("status", status); }
        if (afterId is not null) { where.Add("id > @after"); command.With("after", afterId); }
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {Selected} FROM harvest_lots {filter} ORDER BY id LIMIT @limit";
        command.With("limit", limit);
        return await ReadAllAsync(command, ct);
    }

    /// <summary>The revision history, oldest first; null when the lot is not found (or not the base's).</summary>
    public async Task<IReadOnlyList<LotRevision>?> RevisionsAsync(string id, string? baseId, CancellationToken ct)
    {
        if (await GetAsync(id, baseId, ct) is null)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            """
            SELECT revision, quantity_kg, firm_kg, price_cny_per_kg, changed_at, changed_by
            FROM lot_revisions WHERE lot_id = @id ORDER BY revision
            """).With("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var revisions = new List<LotRevision>();
        while (await reader.ReadAsync(ct))
        {
            revisions.Add(new LotRevision(reader.GetInt32(0), reader.GetInt32(1), reader.NullableValue<int>(2), reader.GetDecimal(3),
                reader.Timestamp(4), reader.GetString(5)));
        }

        return revisions;
    }

    /// <summary>Lots that can ship in or shortly before the horizon (the engine applies the exact windows).</summary>
    internal async Task<IReadOnlyList<HarvestLot>> LoadForRoundAsync(
        DbConnection connection, DbTransaction tx, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var command = connection.Sql(
            $"SELECT {Selected} FROM harvest_lots WHERE available_from <= @to AND available_to >= @from AND status = 'open' ORDER BY id", tx)
            .With("to", to).With("from", from.AddDays(-14));
        return (await ReadAllAsync(command, ct)).Select(r => r.Lot).ToList();
    }

    internal static async Task InsertAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<HarvestLot> lots, string changedBy, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = connection.Sql(
            $"""
            INSERT INTO harvest_lots ({Columns})
            VALUES (@id, @base, @product, @grade, @harvest, @from, @to, @kg, @firm, @price, @moq, 1, @now, @now)
            """, tx);
        foreach (var l in lots)
        {
            command.Parameters.Clear();
            command.With("id", l.Id).With("base", l.BaseId).With("product", l.ProductCode).With("grade", EnumText.Of(l.Grade))
                .With("harvest", l.HarvestDate).With("from", l.AvailableFrom).With("to", l.AvailableTo).With("kg", l.QuantityKg)
                .With("firm", l.FirmKg).With("price", l.PriceCnyPerKg).With("moq", l.MinOrderKg).With("now", now);
            await command.ExecuteNonQueryAsync(ct);
            await InsertRevisionAsync(connection, tx, l, 1, changedBy, now, ct);
        }
    }

    private static Task InsertRevisionAsync(
        DbConnection connection, DbTransaction tx, HarvestLot lot, int revision, string changedBy, DateTimeOffset now, CancellationToken ct) =>
        connection.Sql(
            """
            INSERT INTO lot_revisions (lot_id, revision, quantity_kg, firm_kg, price_cny_per_kg, changed_at, changed_by)
            VALUES (@id, @rev, @kg, @firm, @price, @now, @by)
            """, tx).With("id", lot.Id).With("rev", revision).With("kg", lot.QuantityKg).With("firm", lot.FirmKg)
            .With("price", lot.PriceCnyPerKg).With("now", now).With("by", changedBy).ExecuteAsync(ct);

    private async Task<LotRecord?> GetAsync(
        DbConnection connection, DbTransaction? tx, string id, string? baseId, bool lockRow, CancellationToken ct)
    {
        var suffix = lockRow ? "FOR UPDATE" : "";
        await using var command = connection.Sql($"SELECT {Selected} FROM harvest_lots WHERE id = @id {suffix}", tx).With("id", id);
        var found = await ReadAllAsync(command, ct);
        return found.Count == 1 && (baseId is null || found[0].Lot.BaseId == baseId) ? found[0] : null;
    }

    private static async Task<IReadOnlyList<LotRecord>> ReadAllAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var records = new List<LotRecord>();
        while (await reader.ReadAsync(ct))
        {
            records.Add(new LotRecord(
                new HarvestLot(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), EnumText.Parse<Grade>(reader.GetString(3)),
                    reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6),
                    reader.GetInt32(7), reader.NullableValue<int>(8), reader.GetDecimal(9), reader.GetInt32(10)),
                reader.GetInt32(11), reader.Timestamp(12), reader.Timestamp(13), reader.GetString(14)));
        }

        return records;
    }
}
