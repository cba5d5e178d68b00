using System.Data.Common;
using System.Text.Json;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>Reads of a solved round's results: allocations (paged, filtered), unmet lines, the full result document.</summary>
public sealed class RoundResultStore(Database database)
{
    private const string AllocationColumns =
        """
        seq, lot_id, line_id, base_id, buyer_id, product_code, kg, ship_day, delivery_day, distance_km, freshness_pct,
        ex_farm_cny_per_kg, transport_cny_per_kg, landed_cny_per_kg, poverty_bonus_cny_per_kg
        """;

    /// <summary>One page of allocations in result order, with the count of all that match the filter.</summary>
    public async Task<(IReadOnlyList<StoredAllocation> Items, int Total)> ListAllocationsAsync(
        Guid roundId, AllocationFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var (where, bind) = Where(filter);
        await using var count = bind(connection.Sql($"SELECT COUNT(*) FROM round_allocations WHERE round_id = @round {where}").With("round", roundId));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = bind(connection.Sql(
            $"SELECT {AllocationColumns} FROM round_allocations WHERE round_id = @round {where} ORDER BY seq LIMIT @limit OFFSET @offset")
            .With("round", roundId).With("limit", limit).With("offset", offset));
        return (await ReadAllocationsAsync(command, ct), total);
    }

    /// <summary>Every allocation of a round (for comparing rounds).</summary>
    public async Task<IReadOnlyList<StoredAllocation>> AllAllocationsAsync(Guid roundId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql($"SELECT {AllocationColumns} FROM round_allocations WHERE round_id = @round ORDER BY seq")
            .With("round", roundId);
        return await ReadAllocationsAsync(command, ct);
    }

    /// <summary>Unmet lines of a round (optionally one buyer's), in line order.</summary>
    public async Task<(IReadOnlyList<UnmetLine> Items, int Total)> ListUnmetAsync(
        Guid roundId, string? buyerId, UnmetReason? reason, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var where = (buyerId is null ? "" : " AND buyer_id = @buyer") + (reason is null ? "" : " AND reason = @reason");
        DbCommand Bind(DbCommand c)
        {
            if (buyerId is not null) { c.With("buyer", buyerId); }
            if (reason is not null) { c.With("reason", EnumText.Of(reason.Value)); }
            return c.With("round", roundId);
        }

        await using var count = Bind(connection.Sql($"SELECT COUNT(*) FROM round_unmet WHERE round_id = @round {where}"));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = Bind(connection.Sql(
            $"""
            SELECT line_id, buyer_id, product_code, requested_kg, allocated_kg, unmet_kg, reason, explanation
            FROM round_unmet WHERE round_id = @round {where} ORDER BY line_id LIMIT @limit OFFSET @offset
            """).With("limit", limit).With("offset", offset));
        await using var r = await command.ExecuteReaderAsync(ct);
        var items = new List<UnmetLine>();
        while (await r.ReadAsync(ct))
        {
            items.Add(new UnmetLine(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                EnumText.Parse<UnmetReason>(r.GetString(6)),
                JsonSerializer.Deserialize<UnmetExplanation>(r.GetString(7), MatchingJson.Options)!));
        }

        return (items, total);
    }

    /// <summary>The full result document of a solved or published round; null before it is solved.</summary>
    public async Task<MatchingResult?> LoadResultAsync(Guid roundId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT result_gzip FROM rounds WHERE id = @id").With("id", roundId);
        return await command.ExecuteScalarAsync(ct) is byte[] packed ? MatchingJson.Deserialize(Gzip.Unpack(packed)) : null;
    }

    private static (string Where, Func<DbCommand, DbCommand> Bind) Where(AllocationFilter f)
    {
        var clauses = new List<string>();
        if (f.BuyerId is not null) { clauses.Add("buyer_id = @buyer"); }
        if (f.BaseId is not null) { clauses.Add("base_id = @base"); }
        if (f.ProductCode is not null) { clauses.Add("product_code = @product"); }
        if (f.Day is not null) { clauses.Add("delivery_day = @day"); }
        var where = string.Concat(clauses.Select(c => " AND " + c));
        return (where, c =>
        {
            if (f.BuyerId is not null) { c.With("buyer", f.BuyerId); }
            if (f.BaseId is not null) { c.With("base", f.BaseId); }
            if (f.ProductCode is not null) { c.With("product", f.ProductCode); }
            if (f.Day is not null) { c.With("day", f.Day.Value); }
            return c;
        });
    }

    private static async Task<IReadOnlyList<StoredAllocation>> ReadAllocationsAsync(DbCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        var items = new List<StoredAllocation>();
        while (await r.ReadAsync(ct))
        {
            items.Add(new StoredAllocation(r.GetInt32(0), new Allocation(
                r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6),
                r.GetFieldValue<DateOnly>(7), r.GetFieldValue<DateOnly>(8), r.GetDouble(9), r.GetInt32(10),
                r.GetDecimal(11), r.GetDecimal(12), r.GetDecimal(13), r.GetDecimal(14))));
        }

        return items;
    }
}
