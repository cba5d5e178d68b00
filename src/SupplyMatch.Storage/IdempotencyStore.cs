namespace SupplyMatch.Storage;

/// <summary>A response stored under an idempotency key.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>What to do with a request that carries an idempotency key.</summary>
public enum IdempotencyState
{
    /// <summary>First use of the key: run the request, then complete the key.</summary>
    Begun,

    /// <summary>Same key, same request, already answered: replay the stored response.</summary>
    Replay,

    /// <summary>Same key used for a different request.</summary>
    Mismatch,

    /// <summary>Same key, same request, still being processed.</summary>
    InProgress,
}

/// <summary>Idempotency keys of POST requests, per API key owner.</summary>
public sealed class IdempotencyStore(Database database, TimeProvider clock)
{
    /// <summary>Claims the key for this request, or tells how it was used before.</summary>
    public async Task<(IdempotencyState State, StoredResponse? Response)> BeginAsync(string owner, string key, string requestHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var claimed = await connection.Sql(
            """
            INSERT INTO idempotency_keys (owner, key, request_hash, created_at) VALUES (@owner, @key, @hash, @now)
            ON CONFLICT (owner, key) DO NOTHING
            """).With("owner", owner).With("key", key).With("hash", requestHash).With("now", clock.Now()).ExecuteAsync(ct);
        if (claimed == 1)
        {
            return (IdempotencyState.Begun, null);
        }

        await using var command = connection.Sql(
            "SELECT request_hash, status_code, content_type, location, response_body FROM idempotency_keys WHERE owner = @owner AND key = @key")
            .With("owner", owner).With("key", key);
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return (IdempotencyState.InProgress, null);
        }

        if (r.GetString(0) != requestHash)
        {
            return (IdempotencyState.Mismatch, null);
        }

        return r.IsDBNull(1)
            ? (IdempotencyState.InProgress, null)
            : (IdempotencyState.Replay, new StoredResponse(r.GetInt32(1), r.Nullable<string>(2), r.Nullable<string>(3), r.GetFieldValue<byte[]>(4)));
    }

    /// <summary>Stores the response of a request that claimed the key.</summary>
    public async Task CompleteAsync(string owner, string key, StoredResponse response, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.Sql(
            """
            UPDATE idempotency_keys SET status_code = @status, content_type = @type, location = @location, response_body = @body
            WHERE owner = @owner AND key = @key
            """).With("status", response.StatusCode).With("type", response.ContentType).With("location", response.Location)
            .With("body", response.Body).With("owner", owner).With("key", key).ExecuteAsync(ct);
    }

    /// <summary>Releases a key whose request failed unexpectedly, so that a retry can run it.</summary>
    public async Task AbandonAsync(string owner, string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.Sql("DELETE FROM idempotency_keys WHERE owner = @owner AND key = @key AND status_code IS NULL")
            .With("owner", owner).With("key", key).ExecuteAsync(ct);
    }
}
