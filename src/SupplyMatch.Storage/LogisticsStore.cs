using System.Collections.Concurrent;
using System.Text.Json;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>
/// Reads of a round's logistics plan. The plan is stored as one gzip-compressed JSON document per round rather than in
/// normalised tables: it is written once, inside the transaction that marks the round solved, and never changes; it is
/// read as a whole by the checker and the dashboard; its rows (shipments with nested loads, routes with nested stops)
/// are nested documents that tables would have to split and join again; and a round holds thousands of rows, not
/// millions, so filtering and paging the decompressed document in memory costs milliseconds and behaves the same on
/// PostgreSQL and SQLite. Decompressed plans of the last few rounds read are kept (they are immutable once stored).
/// </summary>
public sealed class LogisticsStore(Database database)
{
    private const int CachedPlans = 4;
    private readonly ConcurrentDictionary<Guid, LogisticsResult> _plans = new();

    /// <summary>Status, objective, KPIs, routing KPIs and statistics; null when the round has no stored plan.</summary>
    public async Task<LogisticsSummary?> LoadSummaryAsync(Guid roundId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT logistics_summary FROM rounds WHERE id = @id").With("id", roundId);
        return await command.ExecuteScalarAsync(ct) is string json
            ? JsonSerializer.Deserialize<LogisticsSummary>(json, MatchingJson.Options)
            : null;
    }

    /// <summary>The whole plan as the planner returned it; null when the round has no stored plan.</summary>
    public async Task<LogisticsResult?> LoadLogisticsAsync(Guid roundId, CancellationToken ct)
    {
        if (_plans.TryGetValue(roundId, out var cached))
        {
            return cached;
        }

        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT logistics_gzip FROM rounds WHERE id = @id").With("id", roundId);
        if (await command.ExecuteScalarAsync(ct) is not byte[] packed)
        {
            return null;
        }

        var plan = MatchingJson.DeserializeLogistics(Gzip.Unpack(packed));
        if (_plans.Count >= CachedPlans)
        {
            _plans.Clear();
        }

        _plans[roundId] = plan;
        return plan;
    }

    /// <summary>One page of the plan's shipments that match the filter, with the count of all that match; null without a plan.</summary>
    public Task<Paged<Shipment>?> ListShipmentsAsync(Guid roundId, ShipmentFilter filter, int offset, int limit, CancellationToken ct) =>
        PageAsync(roundId, p => LogisticsQueries.Shipments(p, filter), offset, limit, ct);

    public Task<Paged<DeliveryRoute>?> ListRoutesAsync(Guid roundId, RouteFilter filter, int offset, int limit, CancellationToken ct) =>
        PageAsync(roundId, p => LogisticsQueries.Routes(p, filter), offset, limit, ct);

    public Task<Paged<UnroutedDelivery>?> ListUnroutedAsync(Guid roundId, RouteFilter filter, int offset, int limit, CancellationToken ct) =>
        PageAsync(roundId, p => LogisticsQueries.Unrouted(p, filter), offset, limit, ct);

    public Task<Paged<Pickup>?> ListPickupsAsync(Guid roundId, string? baseId, DateOnly? day, int offset, int limit, CancellationToken ct) =>
        PageAsync(roundId, p => LogisticsQueries.Pickups(p, baseId, day), offset, limit, ct);

    public Task<Paged<PlannedDelivery>?> ListDeliveriesAsync(Guid roundId, string? buyerId, DateOnly? day, int offset, int limit, CancellationToken ct) =>
        PageAsync(roundId, p => LogisticsQueries.Deliveries(p, buyerId, day), offset, limit, ct);

    private async Task<Paged<T>?> PageAsync<T>(Guid roundId, Func<LogisticsResult, IEnumerable<T>> select, int offset, int limit, CancellationToken ct)
    {
        if (await LoadLogisticsAsync(roundId, ct) is not { } plan)
        {
            return null;
        }

        var all = select(plan).ToList();
        return new Paged<T>(all.Skip(offset).Take(limit).ToList(), all.Count);
    }
}

/// <summary>A page of items and the count of all items that match.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);
