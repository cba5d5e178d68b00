using System.Data.Common;
using System.Text.Json;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>Status transitions of a round. Each is one conditional UPDATE, so concurrent callers cannot both win.</summary>
public sealed partial class RoundStore
{
    /// <summary>
    /// Moves a queued round (or a running one whose lease expired: its worker died) to running under this worker's lease.
    /// </summary>
    public async Task<StartOutcome> TryStartRoundAsync(Guid id, string worker, TimeSpan lease, int maxAttempts, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        var started = await connection.Sql(
            """
            UPDATE rounds SET status = 'running', attempts = attempts + 1, lease_owner = @worker, lease_until = @until,
                started_at = COALESCE(started_at, @now)
            WHERE id = @id AND attempts < @max AND (status = 'queued' OR (status = 'running' AND lease_until < @now))
            """).With("worker", worker).With("until", now + lease).With("now", now).With("id", id).With("max", maxAttempts)
            .ExecuteAsync(ct);
        if (started == 1)
        {
            return StartOutcome.Started;
        }

        await using var command = connection.Sql("SELECT status, lease_until FROM rounds WHERE id = @id").With("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return StartOutcome.NotFound;
        }

        var status = EnumText.Parse<RoundStatus>(reader.GetString(0));
        var leaseUntil = reader.NullableTimestamp(1);
        await reader.CloseAsync();
        if (status is not (RoundStatus.Queued or RoundStatus.Running))
        {
            return StartOutcome.AlreadyFinished;
        }

        if (status == RoundStatus.Running && leaseUntil >= now)
        {
            return StartOutcome.Busy;
        }

        var reason = $"Gave up after {maxAttempts} attempts: the worker solving the round stopped before finishing.";
        await MarkRoundFailedAsync(id, null, reason, ct);
        return StartOutcome.GaveUp;
    }

    /// <summary>Extends the lease; false when the round was cancelled or taken over meanwhile.</summary>
    public async Task<bool> RenewLeaseAsync(Guid id, string worker, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.Sql(
            "UPDATE rounds SET lease_until = @until WHERE id = @id AND status = 'running' AND lease_owner = @worker")
            .With("until", clock.Now() + lease).With("id", id).With("worker", worker).ExecuteAsync(ct) == 1;
    }

    /// <summary>Puts a round back in the queue when its worker is shutting down (the attempt does not count).</summary>
    public async Task<bool> ReleaseRoundAsync(Guid id, string worker, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.Sql(
            """
            UPDATE rounds SET status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND status = 'running' AND lease_owner = @worker
            """).With("id", id).With("worker", worker).ExecuteAsync(ct) == 1;
    }

    /// <summary>
    /// Puts back in the queue the rounds whose worker stopped without a word (a killed process: the lease lapsed, the
    /// attempt counts) and returns their ids, to hand to the job queue again. Once queued they are not returned twice.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RequeueLapsedRoundsAsync(CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        var lapsed = new List<Guid>();
        await using (var command = connection.Sql("SELECT id FROM rounds WHERE status = 'running' AND lease_until < @now ORDER BY created_at").With("now", now))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                lapsed.Add(reader.GetGuid(0));
            }
        }

        var requeued = new List<Guid>();
        foreach (var id in lapsed)
        {
            var changed = await connection.Sql(
                "UPDATE rounds SET status = 'queued', lease_owner = NULL, lease_until = NULL WHERE id = @id AND status = 'running' AND lease_until < @now")
                .With("id", id).With("now", now).ExecuteAsync(ct);
            if (changed == 1)
            {
                requeued.Add(id);
            }
        }

        return requeued;
    }

    /// <summary>Writes an allocation-only result (see the overload with a logistics plan).</summary>
    public Task<bool> SaveRoundResultAsync(Guid id, string worker, MatchingResult result, CancellationToken ct) =>
        SaveRoundResultAsync(id, worker, result, null, ct);

    /// <summary>
    /// Writes the whole result in one transaction: status, documents, allocation and unmet rows, and the logistics plan
    /// when the round has one. Returns false (and writes nothing) when this worker no longer holds the round.
    /// </summary>
    public async Task<bool> SaveRoundResultAsync(Guid id, string worker, MatchingResult result, LogisticsResult? logistics, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var updated = await connection.Sql(
            """
            UPDATE rounds SET status = 'solved', finished_at = @now, lease_until = NULL, error = NULL,
                result_gzip = @result, statistics = @statistics, kpis = @kpis, logistics_gzip = @logistics, logistics_summary = @summary
            WHERE id = @id AND status = 'running' AND lease_owner = @worker
            """, tx).With("now", now).With("result", Gzip.Pack(MatchingJson.Serialize(result)))
            .With("logistics", logistics is null ? null : Gzip.Pack(MatchingJson.Serialize(logistics)))
            .WithJson("summary", logistics is null ? null : JsonSerializer.Serialize(LogisticsSummary.Of(logistics), MatchingJson.Options))
            .WithJson("statistics", JsonSerializer.Serialize(result.Statistics, MatchingJson.Options))
            .WithJson("kpis", JsonSerializer.Serialize(result.Kpis, MatchingJson.Options))
            .With("id", id).With("worker", worker).ExecuteAsync(ct);
        if (updated == 0)
        {
            return false;
        }

        await connection.Sql("DELETE FROM round_allocations WHERE round_id = @id", tx).With("id", id).ExecuteAsync(ct);
        await connection.Sql("DELETE FROM round_unmet WHERE round_id = @id", tx).With("id", id).ExecuteAsync(ct);
        await RoundRows.InsertAllocationsAsync(connection, tx, id, result.Allocations, ct);
        await RoundRows.InsertUnmetAsync(connection, tx, id, result.Unmet, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Marks a queued or running round failed with the reason (only this worker's, when a worker is given).</summary>
    public async Task<bool> MarkRoundFailedAsync(Guid id, string? worker, string error, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var ownerFilter = worker is null ? "" : "AND lease_owner = @worker";
        await using var command = connection.Sql(
            $"""
            UPDATE rounds SET status = 'failed', error = @error, finished_at = @now, lease_until = NULL
            WHERE id = @id AND status IN ('queued', 'running') {ownerFilter}
            """).With("error", error).With("now", clock.Now()).With("id", id);
        if (worker is not null)
        {
            command.With("worker", worker);
        }

        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Cancels a queued or running round (a running solve notices at its next lease renewal), or withdraws a solved round
    /// that is not to be published: until then it holds its lines (they may not change, so that its plan stays the plan
    /// of what buyers asked for), and withdrawing it is how a planner releases them. A solved round keeps when it finished
    /// and who solved it. A published round binds and is never cancelled.
    /// </summary>
    public Task<RoundAction> CancelRoundAsync(Guid id, Actor actor, CancellationToken ct) =>
        TransitionAsync(id, actor, "cancel", (connection, tx, now) => connection.Sql(
            """
            UPDATE rounds SET status = 'cancelled', finished_at = CASE WHEN status = 'solved' THEN finished_at ELSE @now END,
                lease_owner = CASE WHEN status = 'solved' THEN lease_owner ELSE NULL END, lease_until = NULL
            WHERE id = @id AND status IN ('queued', 'running', 'solved')
            """, tx).With("now", now).With("id", id), ct);

    /// <summary>Publishes a solved round (see <see cref="PublishAsync"/>).</summary>
    public async Task<RoundAction> PublishRoundAsync(Guid id, Actor actor, CancellationToken ct) => (await PublishAsync(id, actor, ct)).Action;

    /// <summary>
    /// Publishes a solved round: it is frozen and becomes what buyers and bases see. A plan that sells more of a lot than
    /// the lot holds now (its base revised it down, or its snapshot feed cancelled it, after the round's snapshot) is not
    /// published: the outcome names those lots and nothing changes, so that buyers are never promised kg that do not exist.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(Guid id, Actor actor, CancellationToken ct)
    {
        IReadOnlyList<LotShortfall> shortfalls = [];
        var action = await TransitionAsync(id, actor, "publish", (connection, tx, now) => connection.Sql(
            "UPDATE rounds SET status = 'published', published_at = @now, published_by = @by WHERE id = @id AND status = 'solved'", tx)
            .With("now", now).With("by", actor.KeyId).With("id", id), ct,
            async (connection, tx) => (shortfalls = await LotSales.ShortfallsAsync(connection, tx, id, database.IsPostgres, ct)).Count == 0);
        return new PublishOutcome(action, shortfalls);
    }

    /// <summary>
    /// Runs the conditional update; then, when given, <paramref name="stillValid"/> inside the same transaction (false:
    /// nothing is written, <see cref="RoundAction.InputsChanged"/>); then the audit entry.
    /// </summary>
    private async Task<RoundAction> TransitionAsync(
        Guid id, Actor actor, string action, Func<DbConnection, DbTransaction, DateTimeOffset, DbCommand> update, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task<bool>>? stillValid = null)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await update(connection, tx, now).ExecuteAsync(ct) == 0)
        {
            await using var exists = connection.Sql("SELECT COUNT(*) FROM rounds WHERE id = @id", tx).With("id", id);
            var count = Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            return count == 0 ? RoundAction.NotFound : RoundAction.WrongStatus;
        }

        if (stillValid is not null && !await stillValid(connection, tx))
        {
            await tx.RollbackAsync(ct);
            return RoundAction.InputsChanged;
        }

        await AuditStore.AppendAsync(connection, tx, actor, now, action, "round", id.ToString(), null, ct);
        await tx.CommitAsync(ct);
        return RoundAction.Done;
    }
}
