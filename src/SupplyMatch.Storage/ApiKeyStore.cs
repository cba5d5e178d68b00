using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SupplyMatch.Storage;

/// <summary>An API key as stored: never the key itself, only its SHA-256 hash.</summary>
public sealed record ApiKeyInfo(Guid Id, string Role, string? OwnerId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>API keys: issue (returns the key once), find by key, list, revoke.</summary>
public sealed class ApiKeyStore(Database database, TimeProvider clock)
{
    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key: "sm_" and 32 random bytes, base64url.</summary>
    public static string NewKey() =>
        "sm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Stores a key (a new random one unless given); returns its record and the plain key, shown only now.</summary>
    public async Task<(ApiKeyInfo Info, string Key)> IssueAsync(string role, string? ownerId, string name, Actor actor, string? key, CancellationToken ct)
    {
        key ??= NewKey();
        var now = clock.Now();
        var info = new ApiKeyInfo(Guid.CreateVersion7(), role, ownerId, name, now, null);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.Sql(
            """
            INSERT INTO api_keys (id, key_hash, role, owner_id, name, created_at, created_by)
            VALUES (@id, @hash, @role, @owner, @name, @now, @by)
            """, tx).With("id", info.Id).With("hash", Hash(key)).With("role", role).With("owner", ownerId).With("name", name)
            .With("now", now).With("by", actor.KeyId).ExecuteAsync(ct);
        await AuditStore.AppendAsync(connection, tx, actor, now, "issue", "api_key", info.Id.ToString(),
            JsonSerializer.Serialize(new { role, ownerId, name }), ct);
        await tx.CommitAsync(ct);
        return (info, key);
    }

    /// <summary>Stores a fixed key unless a key with the same hash exists (demo keys).</summary>
    public async Task EnsureAsync(string key, string role, string? ownerId, string name, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is null)
        {
            await IssueAsync(role, ownerId, name, Actor.System, key, ct);
        }
    }

    /// <summary>The live (not revoked) key with this plain value, if any.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            "SELECT id, role, owner_id, name, created_at, revoked_at FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL")
            .With("hash", Hash(key));
        var keys = await ReadAsync(command, ct);
        return keys.Count == 1 ? keys[0] : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT id, role, owner_id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
        return await ReadAsync(command, ct);
    }

    /// <summary>Revokes a live key; false when no live key has the id.</summary>
    public async Task<bool> RevokeAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var revoked = await connection.Sql("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", tx)
            .With("now", now).With("id", id).ExecuteAsync(ct);
        if (revoked == 0)
        {
            return false;
        }

        await AuditStore.AppendAsync(connection, tx, actor, now, "revoke", "api_key", id.ToString(), null, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task<IReadOnlyList<ApiKeyInfo>> ReadAsync(DbCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyInfo>();
        while (await r.ReadAsync(ct))
        {
            keys.Add(new ApiKeyInfo(r.GetGuid(0), r.GetString(1), r.Nullable<string>(2), r.GetString(3), r.Timestamp(4), r.NullableTimestamp(5)));
        }

        return keys;
    }
}
