using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>
/// Matching rounds: the immutable snapshot taken at creation, the queued -> running -> solved/failed
/// transitions (each a conditional UPDATE, so two workers never hold the same round), cancel and publish.
/// </summary>
public sealed partial class RoundStore(Database database, ReferenceDataStore reference, DemandStore demand, ForecastStore forecasts, TimeProvider clock)
{
    private const string SummaryColumns =
        """
        id, status, horizon_from, horizon_to, cutoff, line_count, lot_count, snapshot_sha256, schedule_id, attempts, error,
        created_at, created_by, started_at, finished_at, published_at, settings, statistics, kpis, lease_owner, logistics,
        logistics_gzip IS NOT NULL, earliest_ship_day
        """;

    /// <summary>
    /// Snapshots reference data, lots and open lines of the horizon into a new queued round, in one transaction. A cutoff
    /// after now (a client clock a little ahead) is stored as now: the snapshot holds the lines as they are now, so they are
    /// held from now on, not left open to changes the round would never see.
    /// </summary>
    public async Task<RoundRecord> CreateRoundWithSnapshotAsync(NewRound round, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        round = round.Cutoff > now ? round with { Cutoff = now } : round;
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var problem = new MatchingProblem(
            await reference.LoadAsync(connection, tx, ct),
            ShippableFrom(await forecasts.LoadForRoundAsync(connection, tx, round.HorizonFrom, round.HorizonTo, ct), round.EarliestShipDay),
            WithinHorizon(await demand.LoadForRoundAsync(connection, tx, round.HorizonFrom, round.HorizonTo, round.Cutoff, ct), round),
            round.Settings);
        var snapshot = JsonSerializer.Serialize(problem, SnapshotJson.Options);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));
        await connection.Sql(
            """
            INSERT INTO rounds (id, status, horizon_from, horizon_to, cutoff, settings, snapshot_gzip, snapshot_sha256, line_count, lot_count,
                schedule_id, created_at, created_by, attempts, logistics, earliest_ship_day)
            VALUES (@id, 'queued', @from, @to, @cutoff, @settings, @snapshot, @sha, @lines, @lots, @schedule, @now, @by, 0, @logistics, @earliest)
            """, tx)
            .With("id", round.Id).With("from", round.HorizonFrom).With("to", round.HorizonTo).With("cutoff", round.Cutoff)
            .WithJson("settings", JsonSerializer.Serialize(round.Settings, MatchingJson.Options)).With("snapshot", Gzip.Pack(snapshot))
            .With("sha", sha).With("lines", problem.Lines.Count).With("lots", problem.Lots.Count).With("schedule", round.ScheduleId)
            .With("now", now).With("by", actor.KeyId).WithJson("logistics", LogisticsJson.Parameter(round.Logistics))
            .With("earliest", round.EarliestShipDay).ExecuteAsync(ct);
        await RoundRows.InsertRoundLinesAsync(connection, tx, round.Id, problem.Lines.Select(l => l.Id), ct);
        await AuditStore.AppendAsync(connection, tx, actor, now, "create", "round", round.Id.ToString(),
            JsonSerializer.Serialize(new { round.HorizonFrom, round.HorizonTo, round.Cutoff, round.EarliestShipDay, lines = problem.Lines.Count, lots = problem.Lots.Count }), ct);
        await tx.CommitAsync(ct);
        return (await GetRoundAsync(round.Id, ct))!;
    }

    /// <summary>
    /// The lines as the round plans them: a delivery window reaching outside the horizon is cut to it, so that the round
    /// delivers only on the days it plans (horizonFrom..horizonTo), never before them.
    /// </summary>
    private static List<DemandLine> WithinHorizon(IReadOnlyList<DemandLine> lines, NewRound round) =>
        lines.Select(l => l.Earliest >= round.HorizonFrom && l.Latest <= round.HorizonTo ? l : l with
        {
            Earliest = l.Earliest < round.HorizonFrom ? round.HorizonFrom : l.Earliest,
            Latest = l.Latest > round.HorizonTo ? round.HorizonTo : l.Latest,
        }).ToList();

    /// <summary>
    /// The lots as the round plans them: with an earliest ship day, a ship window starting before it is cut to start on it
    /// and a lot whose window ends before it is left out, so that no truck is planned to leave on a day already past.
    /// </summary>
    private static List<HarvestLot> ShippableFrom(IReadOnlyList<HarvestLot> lots, DateOnly? earliestShipDay) => earliestShipDay is not { } first
        ? lots.ToList()
        : lots.Where(l => l.AvailableTo >= first).Select(l => l.AvailableFrom >= first ? l : l with { AvailableFrom = first }).ToList();

    /// <summary>The exact problem the round was created with.</summary>
    public async Task<MatchingProblem?> LoadRoundSnapshotAsync(Guid id, CancellationToken ct) =>
        await LoadRoundSnapshotJsonAsync(id, ct) is { } json ? JsonSerializer.Deserialize<MatchingProblem>(json, SnapshotJson.Options) : null;

    /// <summary>The snapshot's JSON as stored (its SHA-256 is the round's); null when there is no such round.</summary>
    public async Task<string?> LoadRoundSnapshotJsonAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT snapshot_gzip FROM rounds WHERE id = @id").With("id", id);
        return await command.ExecuteScalarAsync(ct) is byte[] packed ? Gzip.Unpack(packed) : null;
    }

    public async Task<RoundRecord?> GetRoundAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql($"SELECT {SummaryColumns} FROM rounds WHERE id = @id").With("id", id);
        var rounds = await ReadRoundsAsync(command, ct);
        return rounds.Count == 1 ? rounds[0] : null;
    }

    /// <summary>
    /// Newest first (created_at descending, then id). With <paramref name="before"/>, the rounds after that one in this
    /// order: the next page of a list whose last round it is. The caller checks that the round exists.
    /// </summary>
    public async Task<IReadOnlyList<RoundRecord>> ListRoundsAsync(RoundStatus? status, Guid? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var filters = new List<string>();
        if (status is not null)
        {
            filters.Add("status = @status");
        }

        if (before is not null)
        {
            filters.Add(
                """
                (created_at < (SELECT created_at FROM rounds WHERE id = @before)
                 OR (created_at = (SELECT created_at FROM rounds WHERE id = @before) AND id > @before))
                """);
        }

        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        await using var command = connection.Sql($"SELECT {SummaryColumns} FROM rounds {where} ORDER BY created_at DESC, id LIMIT @limit")
            .With("limit", limit);
        if (status is not null)
        {
            command.With("status", EnumText.Of(status.Value));
        }

        if (before is not null)
        {
            command.With("before", before.Value);
        }

        return await ReadRoundsAsync(command, ct);
    }

    /// <summary>The most recently published round, if any.</summary>
    public async Task<Guid?> LatestPublishedRoundIdAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            "SELECT id FROM rounds WHERE status = 'published' ORDER BY published_at DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetGuid(0) : null;
    }

    /// <summary>
    /// Rounds queued and created before <paramref name="queuedBefore"/>, oldest first: the ones whose job may have been lost
    /// (e.g. a crash between commit and enqueue), to hand to the job queue again at start. Rounds running on an expired
    /// lease are not among them: <see cref="RequeueLapsedRoundsAsync"/> hands those back, once.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StaleRoundIdsAsync(DateTimeOffset queuedBefore, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql(
            """
            SELECT id FROM rounds WHERE status = 'queued' AND created_at < @before ORDER BY created_at
            """).With("before", queuedBefore);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<IReadOnlyList<RoundRecord>> ReadRoundsAsync(DbCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        var rounds = new List<RoundRecord>();
        while (await r.ReadAsync(ct))
        {
            rounds.Add(new RoundRecord(
                r.GetGuid(0), EnumText.Parse<RoundStatus>(r.GetString(1)), r.GetFieldValue<DateOnly>(2), r.GetFieldValue<DateOnly>(3),
                r.Timestamp(4), r.GetInt32(5), r.GetInt32(6), r.GetString(7), r.Nullable<string>(8), r.GetInt32(9), r.Nullable<string>(10),
                r.Timestamp(11), r.GetString(12), r.NullableTimestamp(13), r.NullableTimestamp(14), r.NullableTimestamp(15),
                r.GetString(16), r.Nullable<string>(17), r.Nullable<string>(18), r.Nullable<string>(19))
            {
                Logistics = LogisticsJson.Parameter(r.Nullable<string>(20)),
                HasLogistics = r.GetBoolean(21),
                EarliestShipDay = r.NullableValue<DateOnly>(22),
            });
        }

        return rounds;
    }
}
