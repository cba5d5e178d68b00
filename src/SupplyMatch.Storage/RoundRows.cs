using System.Data.Common;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>Bulk writes of a round's rows: binary COPY on PostgreSQL, one prepared statement in the transaction on SQLite.</summary>
internal static class RoundRows
{
    public static async Task InsertRoundLinesAsync(DbConnection connection, DbTransaction tx, Guid roundId, IEnumerable<string> lineIds, CancellationToken ct)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            await using var writer = await npgsql.BeginBinaryImportAsync("COPY round_lines (round_id, line_id) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var lineId in lineIds)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(roundId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(lineId, NpgsqlDbType.Text, ct);
            }

            await writer.CompleteAsync(ct);
            return;
        }

        await using var command = connection.Sql("INSERT INTO round_lines (round_id, line_id) VALUES (@round, @line)", tx);
        foreach (var lineId in lineIds)
        {
            command.Parameters.Clear();
            await command.With("round", roundId).With("line", lineId).ExecuteNonQueryAsync(ct);
        }
    }

    private const string AllocationColumns =
        """
        round_id, seq, lot_id, line_id, base_id, buyer_id, product_code, kg, ship_day, delivery_day, distance_km, freshness_pct,
        ex_farm_cny_per_kg, transport_cny_per_kg, landed_cny_per_kg, poverty_bonus_cny_per_kg
        """;

    public static async Task InsertAllocationsAsync(
        DbConnection connection, DbTransaction tx, Guid roundId, IReadOnlyList<Allocation> allocations, CancellationToken ct)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            await using var writer = await npgsql.BeginBinaryImportAsync($"COPY round_allocations ({AllocationColumns}) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < allocations.Count; i++)
            {
                var a = allocations[i];
                await writer.WriteRowAsync(ct, roundId, i, a.LotId, a.LineId, a.BaseId, a.BuyerId, a.ProductCode, a.Kg, a.ShipDay, a.DeliveryDay,
                    a.DistanceKm, a.FreshnessPercent, a.ExFarmCnyPerKg, a.TransportCnyPerKg, a.LandedCnyPerKg, a.PovertyBonusCnyPerKg);
            }

            await writer.CompleteAsync(ct);
            return;
        }

        await using var command = connection.Sql(
            $"""
            INSERT INTO round_allocations ({AllocationColumns})
            VALUES (@round, @seq, @lot, @line, @base, @buyer, @product, @kg, @ship, @delivery, @km, @fresh, @exfarm, @transport, @landed, @bonus)
            """, tx);
        for (var i = 0; i < allocations.Count; i++)
        {
            var a = allocations[i];
            command.Parameters.Clear();
            await command.With("round", roundId).With("seq", i).With("lot", a.LotId).With("line", a.LineId).With("base", a.BaseId)
                .With("buyer", a.BuyerId).With("product", a.ProductCode).With("kg", a.Kg).With("ship", a.ShipDay)
                .With("delivery", a.DeliveryDay).With("km", a.DistanceKm).With("fresh", a.FreshnessPercent).With("exfarm", a.ExFarmCnyPerKg)
                .With("transport", a.TransportCnyPerKg).With("landed", a.LandedCnyPerKg).With("bonus", a.PovertyBonusCnyPerKg)
                .ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task InsertUnmetAsync(
        DbConnection connection, DbTransaction tx, Guid roundId, IReadOnlyList<UnmetLine> unmet, CancellationToken ct)
    {
        await using var command = connection.Sql(
            """
            INSERT INTO round_unmet (round_id, line_id, buyer_id, product_code, requested_kg, allocated_kg, unmet_kg, reason, explanation)
            VALUES (@round, @line, @buyer, @product, @requested, @allocated, @unmet, @reason, @explanation)
            """, tx);
        foreach (var u in unmet)
        {
            command.Parameters.Clear();
            await command.With("round", roundId).With("line", u.LineId).With("buyer", u.BuyerId).With("product", u.ProductCode)
                .With("requested", u.RequestedKg).With("allocated", u.AllocatedKg).With("unmet", u.UnmetKg)
                .With("reason", EnumText.Of(u.Reason)).WithJson("explanation", JsonSerializer.Serialize(u.Explanation, MatchingJson.Options))
                .ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyUnmetAsync(NpgsqlConnection connection, Guid roundId, IReadOnlyList<UnmetLine> unmet, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY round_unmet (round_id, line_id, buyer_id, product_code, requested_kg, allocated_kg, unmet_kg, reason, explanation)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var u in unmet)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(roundId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(u.LineId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(u.BuyerId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(u.ProductCode, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(u.RequestedKg, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(u.AllocatedKg, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(u.UnmetKg, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(EnumText.Of(u.Reason), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(JsonSerializer.Serialize(u.Explanation, MatchingJson.Options), NpgsqlDbType.Jsonb, ct);
        }

        await writer.CompleteAsync(ct);
    }
}
