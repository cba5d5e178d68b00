using System.Data.Common;
using System.Globalization;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>
/// What published rounds have sold of a lot, the floor under its forecast: a base may revise a lot (by API or by feed) at
/// any time, but not below the kg that a published round's binding plan holds of it (its logistics plan when it planned
/// whole trucks, else its allocation).
/// </summary>
internal static class LotSales
{
    /// <summary>
    /// The most kg of the lot that any published round's binding plan holds, with that round; null when none holds it.
    /// Only rounds created since the lot was posted can hold it (a round plans the lots of its snapshot), and only those
    /// whose horizon ends on or after the day the lot may first ship (nothing is delivered after the horizon).
    /// <paramref name="plans"/> keeps the kg by lot of the logistics plans read, for callers that ask about many lots.
    /// </summary>
    public static async Task<LotSold?> SoldAsync(
        DbConnection connection, DbTransaction tx, string lotId, CancellationToken ct, Dictionary<Guid, Dictionary<string, int>>? plans = null)
    {
        var rounds = new List<(Guid Id, bool Logistics)>();
        await using (var published = connection.Sql(
            """
            SELECT r.id, r.logistics_gzip IS NOT NULL FROM rounds r JOIN harvest_lots l ON l.id = @lot
            WHERE r.status = 'published' AND r.created_at >= l.created_at AND r.horizon_to >= l.available_from ORDER BY r.published_at
            """, tx).With("lot", lotId))
        await using (var reader = await published.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rounds.Add((reader.GetGuid(0), reader.GetBoolean(1)));
            }
        }

        plans ??= [];
        LotSold? most = null;
        foreach (var (round, logistics) in rounds)
        {
            var kg = logistics ? (await PlannedKgAsync(connection, tx, round, plans, ct)).GetValueOrDefault(lotId) : await AllocatedKgAsync(connection, tx, round, lotId, ct);
            most = kg > (most?.Kg ?? 0) ? new LotSold(round, kg) : most;
        }

        return most;
    }

    /// <summary>
    /// A feed row that would take a stored lot (<paramref name="lotId"/>, now <paramref name="storedKg"/>) below what a
    /// published round sold of it: its rejection (column quantity_kg); null when the row may be applied.
    /// </summary>
    public static async Task<FeedRejection?> RefusalAsync(
        DbConnection connection, DbTransaction tx, int row, string externalId, string lotId, int storedKg, int askedKg, CancellationToken ct) =>
        askedKg < storedKg && await SoldAsync(connection, tx, lotId, ct) is { } sold && askedKg < sold.Kg
            ? FeedRejection.Of(row, externalId, "quantity_kg", RowReasons.BelowSold.With(
                ("lot", lotId), ("id", externalId), ("source", FeedLineMerge.ThisFeed), ("sold", sold.Kg), ("round", sold.RoundId.ToString()), ("asked", askedKg)))
            : null;

    /// <summary>
    /// The lots that a solved round's binding plan takes more of than they hold now (revised down or cancelled since the
    /// round's snapshot), in lot id order; empty when the plan can still be delivered. On PostgreSQL the lots are locked
    /// (FOR SHARE) until the caller's transaction ends, so that no revision slips in between this check and the publish.
    /// </summary>
    public static async Task<IReadOnlyList<LotShortfall>> ShortfallsAsync(
        DbConnection connection, DbTransaction tx, Guid round, bool lockRows, CancellationToken ct)
    {
        bool logistics;
        await using (var kind = connection.Sql("SELECT logistics_gzip IS NOT NULL FROM rounds WHERE id = @id", tx).With("id", round))
        {
            logistics = Convert.ToBoolean(await kind.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        var planned = logistics ? await PlannedKgAsync(connection, tx, round, [], ct) : await AllocatedKgByLotAsync(connection, tx, round, ct);
        var sold = planned.Where(p => p.Value > 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (sold.Count == 0)
        {
            return [];
        }

        // The lots read in one statement (an IN list of parameters, as both stores take), not one round trip per lot.
        var stored = new Dictionary<string, (int Kg, bool Cancelled)>(StringComparer.Ordinal);
        var names = string.Join(", ", sold.Select((_, i) => $"@l{i}"));
        await using (var lots = connection.Sql($"SELECT id, quantity_kg, status FROM harvest_lots WHERE id IN ({names}) {(lockRows ? "FOR SHARE" : "")}", tx))
        {
            for (var i = 0; i < sold.Count; i++)
            {
                lots.With($"l{i}", sold[i].Key);
            }

            await using var reader = await lots.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored[reader.GetString(0)] = (reader.GetInt32(1), reader.GetString(2) == "cancelled");
            }
        }

        var shortfalls = new List<LotShortfall>();
        foreach (var (lotId, kg) in sold)
        {
            var (available, cancelled) = stored.TryGetValue(lotId, out var lot) ? lot : (0, true);
            if (cancelled || available < kg)
            {
                shortfalls.Add(new LotShortfall(lotId, kg, available, cancelled));
            }
        }

        return shortfalls;
    }

    private static async Task<Dictionary<string, int>> AllocatedKgByLotAsync(DbConnection connection, DbTransaction tx, Guid round, CancellationToken ct)
    {
        await using var command = connection.Sql("SELECT lot_id, SUM(kg) FROM round_allocations WHERE round_id = @round GROUP BY lot_id", tx).With("round", round);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var kg = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            kg[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return kg;
    }

    /// <summary>The kg by lot of a round's logistics plan, read once into <paramref name="plans"/>.</summary>
    private static async Task<Dictionary<string, int>> PlannedKgAsync(
        DbConnection connection, DbTransaction tx, Guid round, Dictionary<Guid, Dictionary<string, int>> plans, CancellationToken ct)
    {
        if (!plans.TryGetValue(round, out var kg))
        {
            await using var command = connection.Sql("SELECT logistics_gzip FROM rounds WHERE id = @id", tx).With("id", round);
            var plan = MatchingJson.DeserializeLogistics(Gzip.Unpack((byte[])(await command.ExecuteScalarAsync(ct))!));
            plans[round] = kg = plan.Allocations.GroupBy(a => a.LotId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(a => a.Kg), StringComparer.Ordinal);
        }

        return kg;
    }

    private static async Task<int> AllocatedKgAsync(DbConnection connection, DbTransaction tx, Guid round, string lotId, CancellationToken ct)
    {
        await using var command = connection.Sql("SELECT COALESCE(SUM(kg), 0) FROM round_allocations WHERE round_id = @round AND lot_id = @id", tx)
            .With("round", round).With("id", lotId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
