using System.Data.Common;

namespace SupplyMatch.Storage;

/// <summary>One recorded write.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string ActorKeyId,
    string ActorRole,
    string? ActorOwnerId,
    string Action,
    string Entity,
    string EntityId,
    string? Detail);

/// <summary>Filter and page of the audit log.</summary>
public sealed record AuditQuery(string? Entity, string? EntityId, string? ActorKeyId, long? BeforeId, int Limit);

/// <summary>
/// The audit log: every write appends who, when and what, inside the transaction of the write itself,
/// so that a write without its audit entry cannot exist.
/// </summary>
public sealed class AuditStore(Database database)
{
    /// <summary>Appends an entry inside the caller's transaction.</summary>
    public static Task AppendAsync(
        DbConnection connection,
        DbTransaction tx,
        Actor actor,
        DateTimeOffset at,
        string action,
        string entity,
        string entityId,
        string? detail,
        CancellationToken ct) =>
        connection.Sql(
            """
            INSERT INTO audit_log (at, actor_key_id, actor_role, actor_owner_id, action, entity, entity_id, detail)
            VALUES (@at, @key, @role, @owner, @action, @entity, @entityId, @detail)
            """, tx)
            .With("at", at).With("key", actor.KeyId).With("role", actor.Role).With("owner", actor.OwnerId)
            .With("action", action).With("entity", entity).With("entityId", entityId).With("detail", detail)
            .ExecuteAsync(ct);

    /// <summary>Newest first, paged by id.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var where = new List<string>();
        await using var command = connection.Sql("");
        if (query.Entity is not null) { where.Add("entity = @entity"); command.With("entity", query.Entity); }
        if (query.EntityId is not null) { where.Add("entity_id = @entityId"); command.With("entityId", query.EntityId); }
        if (query.ActorKeyId is not null) { where.Add("actor_key_id = @actor"); command.With("actor", query.ActorKeyId); }
        if (query.BeforeId is not null) { where.Add("id < @before"); command.With("before", query.BeforeId.Value); }
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        command.CommandText =
            $"""
            SELECT id, at, actor_key_id, actor_role, actor_owner_id, action, entity, entity_id, detail
            FROM audit_log {filter} ORDER BY id DESC LIMIT @limit
            """;
        command.With("limit", query.Limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.Timestamp(1), reader.GetString(2), reader.GetString(3), reader.Nullable<string>(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.Nullable<string>(8)));
        }

        return entries;
    }
}
