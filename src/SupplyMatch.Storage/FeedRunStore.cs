using System.Data.Common;
using System.Globalization;

namespace SupplyMatch.Storage;

/// <summary>
/// Runs of feeds: one at a time per feed, claimed by a conditional UPDATE of the feed's lease (so two pulls of the same
/// feed never run together, on one instance or several) and renewed while the run works, with their outcome, counts and
/// rejected rows.
/// </summary>
public sealed class FeedRunStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, feed_id, trigger, status, started_at, finished_at, http_status, attempts, bytes, rows_read, rows_created, rows_updated, "
        + "rows_unchanged, rows_cancelled, rows_kept, rows_rejected, error, error_code, error_params";

    /// <summary>
    /// Starts a run when no other run of the feed holds a live lease. A run whose lease lapsed (its worker died) is
    /// marked failed first. When busy, a skipped run is recorded and the run in progress is returned.
    /// </summary>
    public async Task<FeedRunStart?> TryStartAsync(string feedId, string trigger, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.Now();
        var runId = Guid.CreateVersion7();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var claimed = await connection.Sql(
            """
            UPDATE feeds SET lease_run_id = @run, lease_until = @until
            WHERE id = @id AND (lease_run_id IS NULL OR lease_until < @now)
            """, tx).With("run", runId).With("until", now + lease).With("id", feedId).With("now", now).ExecuteAsync(ct);
        if (claimed == 1)
        {
            await connection.Sql(
                """
                UPDATE feed_runs SET status = 'failed', finished_at = @now, error = @error, error_code = @code, error_params = @params
                WHERE feed_id = @id AND status = 'running'
                """, tx).With("now", now).With("id", feedId).WithError(FeedRunError.LeaseLost).ExecuteAsync(ct);
            await InsertAsync(connection, tx, runId, feedId, trigger, FeedRunStatus.Running, now, null, null, ct);
            await tx.CommitAsync(ct);
            return new FeedRunStart(true, runId);
        }

        await using var command = connection.Sql("SELECT lease_run_id FROM feeds WHERE id = @id", tx).With("id", feedId);
        var holder = await command.ExecuteScalarAsync(ct);
        if (holder is null)
        {
            return null;
        }

        // DBNull: the other run ended between the two statements; this pull still counts as skipped.
        var running = holder is DBNull ? Guid.Empty : ToGuid(holder);
        await InsertAsync(connection, tx, runId, feedId, trigger, FeedRunStatus.Skipped, now, now, FeedRunError.PullRunning(running), ct);
        await tx.CommitAsync(ct);
        return new FeedRunStart(false, running);
    }

    /// <summary>
    /// Extends the lease of a run in progress to <paramref name="lease"/> from now; false when the run no longer holds the
    /// feed (it finished, or its lease lapsed and another run took the feed over).
    /// </summary>
    public async Task<bool> RenewLeaseAsync(string feedId, Guid runId, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.Sql("UPDATE feeds SET lease_until = @until WHERE id = @id AND lease_run_id = @run")
            .With("until", clock.Now() + lease).With("id", feedId).With("run", runId).ExecuteAsync(ct) == 1;
    }

    /// <summary>The run of the feed holding its lease now, if any.</summary>
    public async Task<Guid?> RunningAsync(string feedId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT lease_run_id FROM feeds WHERE id = @id AND lease_until >= @now")
            .With("id", feedId).With("now", clock.Now());
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? ToGuid(value) : null;
    }

    /// <summary>
    /// Records the end of a run and releases the feed, inside the caller's transaction (the merge's, when rows were
    /// merged); false when this run no longer holds the feed (its lease lapsed and another run took over).
    /// </summary>
    public async Task<bool> FinishAsync(DbConnection connection, DbTransaction tx, string feedId, Guid runId, FeedRunEnd end, CancellationToken ct)
    {
        var now = clock.Now();
        var validators = end.Validators is { } v
            ? ", etag = @etag, last_modified = @modified, body_sha256 = @sha"
            : "";
        await using var release = connection.Sql(
            $"UPDATE feeds SET lease_run_id = NULL, lease_until = NULL {validators} WHERE id = @id AND lease_run_id = @run", tx)
            .With("id", feedId).With("run", runId);
        if (end.Validators is { } set)
        {
            release.With("etag", set.ETag).With("modified", set.LastModified).With("sha", set.BodySha256);
        }

        if (await release.ExecuteNonQueryAsync(ct) == 0)
        {
            return false;
        }

        var c = end.Counts;
        await connection.Sql(
            """
            UPDATE feed_runs SET status = @status, finished_at = @now, http_status = @http, attempts = @attempts, bytes = @bytes,
                rows_read = @read, rows_created = @created, rows_updated = @updated, rows_unchanged = @unchanged,
                rows_cancelled = @cancelled, rows_kept = @kept, rows_rejected = @rejected, error = @error, error_code = @code, error_params = @params
            WHERE id = @run
            """, tx).With("status", EnumText.Of(end.Status)).With("now", now).With("http", end.HttpStatus).With("attempts", end.Attempts)
            .With("bytes", end.Bytes).With("read", c.Read).With("created", c.Created).With("updated", c.Updated).With("unchanged", c.Unchanged)
            .With("cancelled", c.Cancelled).With("kept", c.Kept).With("rejected", c.Rejected).WithError(end.Error).With("run", runId)
            .ExecuteAsync(ct);
        await InsertRejectionsAsync(connection, tx, runId, end.Rejections, ct);
        return true;
    }

    /// <summary><see cref="FinishAsync(DbConnection, DbTransaction, string, Guid, FeedRunEnd, CancellationToken)"/> in its own transaction.</summary>
    public async Task<bool> FinishAsync(string feedId, Guid runId, FeedRunEnd end, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var done = await FinishAsync(connection, tx, feedId, runId, end, ct);
        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>Runs of a feed, newest first, before <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<FeedRun>> ListAsync(string feedId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            $"SELECT {Columns} FROM feed_runs WHERE feed_id = @id {(before is null ? "" : "AND started_at < @before")} ORDER BY started_at DESC LIMIT @limit")
            .With("id", feedId).With("limit", limit);
        if (before is not null)
        {
            command.With("before", before.Value);
        }

        return await ReadAllAsync(command, ct);
    }

    public async Task<FeedRun?> GetAsync(string feedId, Guid runId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql($"SELECT {Columns} FROM feed_runs WHERE id = @run AND feed_id = @id").With("run", runId).With("id", feedId);
        return (await ReadAllAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>The rejected rows of a run, in row order.</summary>
    public async Task<IReadOnlyList<FeedRejection>> RejectionsAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            "SELECT row_no, external_id, column_name, message, code, message_zh FROM feed_run_rejections WHERE run_id = @run ORDER BY seq")
            .With("run", runId);
        await using var r = await command.ExecuteReaderAsync(ct);
        var rows = new List<FeedRejection>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new FeedRejection(r.GetInt32(0), r.Nullable<string>(1), r.Nullable<string>(2), r.GetString(3), r.Nullable<string>(4), r.Nullable<string>(5)));
        }

        return rows;
    }

    private static Task InsertAsync(
        DbConnection connection, DbTransaction tx, Guid runId, string feedId, string trigger, FeedRunStatus status,
        DateTimeOffset started, DateTimeOffset? finished, FeedRunError? error, CancellationToken ct) =>
        connection.Sql(
            """
            INSERT INTO feed_runs (id, feed_id, trigger, status, started_at, finished_at, attempts, rows_read, rows_created, rows_updated,
                rows_unchanged, rows_cancelled, rows_kept, rows_rejected, error, error_code, error_params)
            VALUES (@run, @id, @trigger, @status, @started, @finished, 0, 0, 0, 0, 0, 0, 0, 0, @error, @code, @params)
            """, tx).With("run", runId).With("id", feedId).With("trigger", trigger).With("status", EnumText.Of(status))
            .With("started", started).With("finished", finished).WithError(error).ExecuteAsync(ct);

    private static async Task InsertRejectionsAsync(
        DbConnection connection, DbTransaction tx, Guid runId, IReadOnlyList<FeedRejection> rows, CancellationToken ct)
    {
        await using var command = connection.Sql(
            """
            INSERT INTO feed_run_rejections (run_id, seq, row_no, external_id, column_name, message, code, message_zh)
            VALUES (@run, @seq, @row, @ext, @column, @message, @code, @zh)
            """, tx);
        for (var i = 0; i < rows.Count; i++)
        {
            command.Parameters.Clear();
            command.With("run", runId).With("seq", i + 1).With("row", rows[i].Row).With("ext", rows[i].ExternalId)
                .With("column", rows[i].Column).With("message", rows[i].Message).With("code", rows[i].Code).With("zh", rows[i].ReasonZh);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<IReadOnlyList<FeedRun>> ReadAllAsync(DbCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        var runs = new List<FeedRun>();
        while (await r.ReadAsync(ct))
        {
            runs.Add(new FeedRun(r.GetGuid(0), r.GetString(1), r.GetString(2), EnumText.Parse<FeedRunStatus>(r.GetString(3)), r.Timestamp(4),
                r.NullableTimestamp(5), r.NullableValue<int>(6), r.GetInt32(7), r.NullableValue<long>(8),
                new FeedRunCounts(r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13), r.GetInt32(14), r.GetInt32(15)),
                r.Nullable<string>(16), r.Nullable<string>(17), r.Nullable<string>(18) is { } json ? FeedRunError.ParseParameters(json) : null));
        }

        return runs;
    }

    private static Guid ToGuid(object value) => value switch
    {
        Guid g => g,
        byte[] bytes => new Guid(bytes),
        _ => Guid.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!),
    };
}

internal static class FeedRunErrorParameters
{
    /// <summary>Binds @error (the English text), @code and @params (JSON) of a run's error; all null without one.</summary>
    public static DbCommand WithError(this DbCommand command, FeedRunError? error) =>
        command.With("error", error?.Message).With("code", error?.Code).With("params", error?.ParametersJson());
}
