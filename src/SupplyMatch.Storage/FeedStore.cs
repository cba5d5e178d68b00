using System.Data.Common;
using System.Text.Json;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>
/// The feed registry: which URL is pulled for which buyer or base, how and when. Every change is audited. The auth
/// header's value is stored encrypted (<see cref="FeedSecrets"/>) and only a pull reads it back.
/// </summary>
public sealed class FeedStore(Database database, FeedSecrets secrets, TimeProvider clock)
{
    private const string Columns =
        "id, kind, owner_id, url, format, cron, mode, auth_header_name, auth_header_value IS NOT NULL, enabled, created_at, updated_at";

    /// <summary>Registers a feed; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(string id, FeedKind kind, string ownerId, FeedSettings settings, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        var secret = Protect(settings.AuthHeaderValue);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.Sql(
            """
            INSERT INTO feeds (id, kind, owner_id, url, format, cron, mode, auth_header_name, auth_header_value, enabled, created_at, updated_at, updated_by)
            VALUES (@id, @kind, @owner, @url, @format, @cron, @mode, @header, @secret, @enabled, @now, @now, @by)
            ON CONFLICT (id) DO NOTHING
            """, tx).With("id", id).With("kind", EnumText.Of(kind)).With("owner", ownerId).With("url", settings.Url)
            .With("format", EnumText.Of(settings.Format)).With("cron", settings.Cron).With("mode", EnumText.Of(settings.Mode))
            .With("header", settings.AuthHeaderName).With("secret", secret).With("enabled", settings.Enabled)
            .With("now", now).With("by", actor.KeyId).ExecuteAsync(ct);
        if (inserted == 0)
        {
            return false;
        }

        await AuditStore.AppendAsync(connection, tx, actor, now, "create", "feed", id, Describe(kind, ownerId, settings), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Rows that a feed with <paramref name="id"/> would take over but that are not for it: lines or lots written under the
    /// id (by a deleted feed) for another owner, or of the other kind. A feed matches its rows by id, so such an id can
    /// only be reused for the same owner and kind; null when it may be.
    /// </summary>
    public async Task<string?> RowsOfOthersAsync(string id, FeedKind kind, string ownerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var (own, other) = kind == FeedKind.Demand ? (("demand_lines", "buyer_id", "buyer"), ("harvest_lots", "base_id", "base"))
            : (("harvest_lots", "base_id", "base"), ("demand_lines", "buyer_id", "buyer"));
        await using var command = connection.Sql(
            $"""
            SELECT '{own.Item3} ' || {own.Item2} FROM {own.Item1} WHERE feed_id = @id AND {own.Item2} <> @owner
            UNION ALL SELECT '{other.Item3} ' || {other.Item2} FROM {other.Item1} WHERE feed_id = @id
            LIMIT 1
            """).With("id", id).With("owner", ownerId);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// Replaces a feed's settings (not its kind or owner). A null secret keeps the stored one; changing the URL or the
    /// format forgets the validators, so the next pull reads the file in full.
    /// </summary>
    public async Task<Feed?> UpdateAsync(string id, FeedSettings settings, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        var secret = Protect(settings.AuthHeaderValue);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var updated = await connection.Sql(
            """
            UPDATE feeds SET
                etag = CASE WHEN url = @url AND format = @format THEN etag END,
                last_modified = CASE WHEN url = @url AND format = @format THEN last_modified END,
                body_sha256 = CASE WHEN url = @url AND format = @format THEN body_sha256 END,
                url = @url, format = @format, cron = @cron, mode = @mode, auth_header_name = @header,
                auth_header_value = CASE WHEN CAST(@header AS text) IS NULL THEN NULL ELSE COALESCE(CAST(@secret AS text), auth_header_value) END,
                enabled = @enabled, updated_at = @now, updated_by = @by
            WHERE id = @id
            """, tx).With("url", settings.Url).With("format", EnumText.Of(settings.Format)).With("cron", settings.Cron)
            .With("mode", EnumText.Of(settings.Mode)).With("header", settings.AuthHeaderName).With("secret", secret)
            .With("enabled", settings.Enabled).With("now", now).With("by", actor.KeyId).With("id", id).ExecuteAsync(ct);
        if (updated == 0)
        {
            return null;
        }

        var feed = (await ListAsync(connection, tx, "WHERE id = @id", c => c.With("id", id), ct))[0];
        await AuditStore.AppendAsync(connection, tx, actor, now, "update", "feed", id, Describe(feed.Kind, feed.OwnerId, settings), ct);
        await tx.CommitAsync(ct);
        return feed;
    }

    /// <summary>Removes a feed with its run history; the lines and lots it wrote stay.</summary>
    public async Task<bool> DeleteAsync(string id, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.Sql("DELETE FROM feed_run_rejections WHERE run_id IN (SELECT id FROM feed_runs WHERE feed_id = @id)", tx).With("id", id).ExecuteAsync(ct);
        await connection.Sql("DELETE FROM feed_runs WHERE feed_id = @id", tx).With("id", id).ExecuteAsync(ct);
        if (await connection.Sql("DELETE FROM feeds WHERE id = @id", tx).With("id", id).ExecuteAsync(ct) == 0)
        {
            return false;
        }

        await AuditStore.AppendAsync(connection, tx, actor, now, "delete", "feed", id, null, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>A feed; null when it does not exist or (with <paramref name="ownerId"/>) belongs to someone else.</summary>
    public async Task<Feed?> GetAsync(string id, string? ownerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var found = await ListAsync(connection, null, "WHERE id = @id", c => c.With("id", id), ct);
        return found.Count == 1 && (ownerId is null || found[0].OwnerId == ownerId) ? found[0] : null;
    }

    /// <summary>Feeds ordered by id, all or one owner's.</summary>
    public async Task<IReadOnlyList<Feed>> ListAsync(string? ownerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return ownerId is null
            ? await ListAsync(connection, null, "", _ => { }, ct)
            : await ListAsync(connection, null, "WHERE owner_id = @owner", c => c.With("owner", ownerId), ct);
    }

    /// <summary>
    /// The feed with what only a pull may see: the auth header's value (decrypted) and the last body's validators. A value
    /// still stored in plain text (written before secrets were encrypted) is encrypted in place now.
    /// </summary>
    public async Task<FeedPullState?> GetPullStateAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        if ((await ListAsync(connection, null, "WHERE id = @id", c => c.With("id", id), ct)).FirstOrDefault() is not { } feed)
        {
            return null;
        }

        string? stored, etag, modified, sha;
        await using (var command = connection.Sql("SELECT auth_header_value, etag, last_modified, body_sha256 FROM feeds WHERE id = @id").With("id", id))
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            (stored, etag, modified, sha) = (r.Nullable<string>(0), r.Nullable<string>(1), r.Nullable<string>(2), r.Nullable<string>(3));
        }

        if (stored is not null && !FeedSecrets.IsProtected(stored))
        {
            await ProtectStoredAsync(connection, id, stored, ct);
        }

        var secret = stored is null ? null : secrets.Reveal(stored);
        return new FeedPullState(feed, secret, etag, modified, sha, AuthHeaderUnreadable: stored is not null && secret is null);
    }

    /// <summary>Encrypts every auth header value still stored in plain text; returns how many were encrypted.</summary>
    public async Task<int> ProtectPlainSecretsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var plain = new List<(string Id, string Value)>();
        await using (var command = connection.Sql("SELECT id, auth_header_value FROM feeds WHERE auth_header_value IS NOT NULL"))
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (!FeedSecrets.IsProtected(r.GetString(1)))
                {
                    plain.Add((r.GetString(0), r.GetString(1)));
                }
            }
        }

        var done = 0;
        foreach (var (id, value) in plain)
        {
            done += await ProtectStoredAsync(connection, id, value, ct) ? 1 : 0;
        }

        return done;
    }

    /// <summary>Replaces a plain-text value by its encryption, unless the value changed meanwhile (a planner set a new one).</summary>
    private async Task<bool> ProtectStoredAsync(DbConnection connection, string id, string plain, CancellationToken ct) =>
        await connection.Sql("UPDATE feeds SET auth_header_value = @protected WHERE id = @id AND auth_header_value = @plain")
            .With("protected", secrets.Protect(plain)).With("id", id).With("plain", plain).ExecuteAsync(ct) == 1;

    /// <summary>
    /// Encrypts before any transaction opens: the first use may create a key, which Data Protection writes to the key ring
    /// table on its own connection (the embedded store would wait for the write lock this transaction holds).
    /// </summary>
    private string? Protect(string? secret) => secret is null ? null : secrets.Protect(secret);

    private static async Task<IReadOnlyList<Feed>> ListAsync(
        DbConnection connection, DbTransaction? tx, string filter, Action<DbCommand> bind, CancellationToken ct)
    {
        await using var command = connection.Sql($"SELECT {Columns} FROM feeds {filter} ORDER BY id", tx);
        bind(command);
        await using var r = await command.ExecuteReaderAsync(ct);
        var feeds = new List<Feed>();
        while (await r.ReadAsync(ct))
        {
            feeds.Add(new Feed(r.GetString(0), EnumText.Parse<FeedKind>(r.GetString(1)), r.GetString(2), r.GetString(3),
                EnumText.Parse<FeedFormat>(r.GetString(4)), r.GetString(5), EnumText.Parse<FeedMode>(r.GetString(6)), r.Nullable<string>(7),
                r.GetBoolean(8), r.GetBoolean(9), r.Timestamp(10), r.Timestamp(11)));
        }

        return feeds;
    }

    /// <summary>The audit detail of a change: everything but the secret, of which only its presence is recorded.</summary>
    private static string Describe(FeedKind kind, string ownerId, FeedSettings s) => JsonSerializer.Serialize(new
    {
        kind = EnumText.Of(kind), ownerId, s.Url, format = EnumText.Of(s.Format), s.Cron, mode = EnumText.Of(s.Mode), s.AuthHeaderName,
        authHeaderValueSet = s.AuthHeaderValue is not null, s.Enabled,
    });
}
