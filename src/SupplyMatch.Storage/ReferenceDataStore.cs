using System.Data.Common;
using System.Text.Json;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>One reference table: create, update, get and list, each write audited in its own transaction.</summary>
public sealed class ReferenceSet<T>
{
    private readonly Database _database;
    private readonly ReferenceTable<T> _table;
    private readonly TimeProvider _clock;

    internal ReferenceSet(Database database, ReferenceTable<T> table, TimeProvider clock)
    {
        _database = database;
        _table = table;
        _clock = clock;
    }

    /// <summary>Inserts the item; false when one with the same key exists.</summary>
    public async Task<bool> CreateAsync(T item, Actor actor, CancellationToken ct)
    {
        var columns = string.Join(", ", _table.Columns);
        var values = string.Join(", ", _table.Columns.Select(c => "@" + c));
        var sql = $"INSERT INTO {_table.Table} ({columns}, updated_at) VALUES ({values}, @updated_at) ON CONFLICT DO NOTHING";
        return await WriteAsync(sql, item, actor, "create", ct);
    }

    /// <summary>Replaces the item with the same key; false when none exists.</summary>
    public async Task<bool> UpdateAsync(T item, Actor actor, CancellationToken ct)
    {
        var set = string.Join(", ", _table.Columns.Skip(_table.Keys.Length).Select(c => $"{c} = @{c}"));
        var sql = $"UPDATE {_table.Table} SET {set}, updated_at = @updated_at WHERE {_table.KeyFilter}";
        return await WriteAsync(sql, item, actor, "update", ct);
    }

    public async Task<T?> GetAsync(string[] key, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.Sql($"{_table.Select} WHERE {_table.KeyFilter}");
        for (var i = 0; i < _table.Keys.Length; i++)
        {
            command.With(_table.Keys[i], key[i]);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? _table.Read(reader) : default;
    }

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        return await ListAsync(connection, null, ct);
    }

    internal async Task<IReadOnlyList<T>> ListAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        await using var command = connection.Sql($"{_table.Select} {_table.OrderBy}", tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(_table.Read(reader));
        }

        return items;
    }

    /// <summary>Inserts or replaces every item inside the caller's transaction (seeding).</summary>
    internal async Task UpsertAllAsync(DbConnection connection, DbTransaction tx, IEnumerable<T> items, CancellationToken ct)
    {
        var columns = string.Join(", ", _table.Columns);
        var values = string.Join(", ", _table.Columns.Select(c => "@" + c));
        var set = string.Join(", ", _table.Columns.Skip(_table.Keys.Length).Select(c => $"{c} = excluded.{c}"));
        var sql = $"""
            INSERT INTO {_table.Table} ({columns}, updated_at) VALUES ({values}, @updated_at)
            ON CONFLICT ({string.Join(", ", _table.Keys)}) DO UPDATE SET {set}, updated_at = excluded.updated_at
            """;
        var now = _clock.Now();
        foreach (var item in items)
        {
            await Bind(connection.Sql(sql, tx), item, now).ExecuteAsync(ct);
        }
    }

    private async Task<bool> WriteAsync(string sql, T item, Actor actor, string action, CancellationToken ct)
    {
        var now = _clock.Now();
        await using var connection = await _database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await Bind(connection.Sql(sql, tx), item, now).ExecuteAsync(ct) == 0)
        {
            return false;
        }

        var detail = JsonSerializer.Serialize(item, SnapshotJson.Options);
        await AuditStore.AppendAsync(connection, tx, actor, now, action, _table.Entity, _table.Id(item), detail, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private DbCommand Bind(DbCommand command, T item, DateTimeOffset now)
    {
        var values = _table.Values(item);
        for (var i = 0; i < values.Length; i++)
        {
            command.With(_table.Columns[i], values[i]);
        }

        return command.With("updated_at", now);
    }
}

/// <summary>Reference data: products, cities, bases, buyers, vehicle types, lanes and hubs.</summary>
public sealed class ReferenceDataStore(Database database, TimeProvider clock)
{
    public ReferenceSet<City> Cities { get; } = new(database, ReferenceTables.Cities, clock);

    public ReferenceSet<Product> Products { get; } = new(database, ReferenceTables.Products, clock);

    public ReferenceSet<Base> Bases { get; } = new(database, ReferenceTables.Bases, clock);

    public ReferenceSet<Buyer> Buyers { get; } = new(database, ReferenceTables.Buyers, clock);

    public ReferenceSet<VehicleType> VehicleTypes { get; } = new(database, ReferenceTables.VehicleTypes, clock);

    public ReferenceSet<Lane> Lanes { get; } = new(database, ReferenceTables.Lanes, clock);

    /// <summary>Origin consolidation hubs and GBA distribution centres.</summary>
    public ReferenceSet<Hub> Hubs { get; } = new(database, ReferenceTables.Hubs, clock);

    /// <summary>True when no product exists yet (a fresh database, before seeding).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT COUNT(*) FROM products");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>All reference data, read inside the caller's transaction (a round's snapshot).</summary>
    public async Task<ReferenceData> LoadAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        new(
            await Products.ListAsync(connection, tx, ct),
            await Cities.ListAsync(connection, tx, ct),
            await Bases.ListAsync(connection, tx, ct),
            await Buyers.ListAsync(connection, tx, ct),
            await VehicleTypes.ListAsync(connection, tx, ct),
            await Lanes.ListAsync(connection, tx, ct))
        {
            Hubs = await Hubs.ListAsync(connection, tx, ct),
        };

    public async Task<ReferenceData> LoadAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, null, ct);
    }

    /// <summary>Inserts or replaces all reference data inside the caller's transaction.</summary>
    public async Task ImportAsync(DbConnection connection, DbTransaction tx, ReferenceData data, CancellationToken ct)
    {
        await Products.UpsertAllAsync(connection, tx, data.Products, ct);
        await Cities.UpsertAllAsync(connection, tx, data.Cities, ct);
        await Bases.UpsertAllAsync(connection, tx, data.Bases, ct);
        await Buyers.UpsertAllAsync(connection, tx, data.Buyers, ct);
        await VehicleTypes.UpsertAllAsync(connection, tx, data.VehicleTypes, ct);
        await Lanes.UpsertAllAsync(connection, tx, data.Lanes, ct);
        await Hubs.UpsertAllAsync(connection, tx, data.Hubs, ct);
    }

    /// <summary>True when no hub exists (a store seeded before hubs were reference data).</summary>
    public async Task<bool> HasNoHubsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT COUNT(*) FROM hubs");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>Inserts or replaces the hubs in one transaction (seeding a store that predates them).</summary>
    public async Task ImportHubsAsync(IReadOnlyList<Hub> hubs, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await Hubs.UpsertAllAsync(connection, tx, hubs, ct);
        await tx.CommitAsync(ct);
    }
}
