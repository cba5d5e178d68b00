using System.Text.Json;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>A recurring round: cron in China Standard Time; the horizon is relative to the CST day the round is created.</summary>
/// <param name="HorizonOffsetDays">First delivery day = creation day + this.</param>
/// <param name="HorizonDays">Number of delivery days planned.</param>
/// <param name="Logistics">Logistics planning of the schedule's rounds; null = allocation only.</param>
public sealed record RoundSchedule(
    string Id, string Cron, int HorizonOffsetDays, int HorizonDays, MatchingSettings Settings, bool Enabled, RoundLogistics? Logistics = null);

/// <summary>Recurring round schedules.</summary>
public sealed class ScheduleStore(Database database, TimeProvider clock)
{
    public async Task UpsertAsync(RoundSchedule schedule, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        var settings = JsonSerializer.Serialize(schedule.Settings, MatchingJson.Options);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.Sql(
            """
            INSERT INTO round_schedules (id, cron, horizon_offset_days, horizon_days, settings, enabled, updated_at, updated_by, logistics)
            VALUES (@id, @cron, @offset, @days, @settings, @enabled, @now, @by, @logistics)
            ON CONFLICT (id) DO UPDATE SET cron = excluded.cron, horizon_offset_days = excluded.horizon_offset_days,
                horizon_days = excluded.horizon_days, settings = excluded.settings, enabled = excluded.enabled,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by, logistics = excluded.logistics
            """, tx).With("id", schedule.Id).With("cron", schedule.Cron).With("offset", schedule.HorizonOffsetDays)
            .With("days", schedule.HorizonDays).WithJson("settings", settings).With("enabled", schedule.Enabled)
            .With("now", now).With("by", actor.KeyId).WithJson("logistics", LogisticsJson.Parameter(schedule.Logistics)).ExecuteAsync(ct);
        await AuditStore.AppendAsync(connection, tx, actor, now, "upsert", "round_schedule", schedule.Id, JsonSerializer.Serialize(schedule, MatchingJson.Options), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> DeleteAsync(string id, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await connection.Sql("DELETE FROM round_schedules WHERE id = @id", tx).With("id", id).ExecuteAsync(ct) == 0)
        {
            return false;
        }

        await AuditStore.AppendAsync(connection, tx, actor, now, "delete", "round_schedule", id, null, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<RoundSchedule?> GetAsync(string id, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(s => s.Id == id);

    public async Task<IReadOnlyList<RoundSchedule>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("SELECT id, cron, horizon_offset_days, horizon_days, settings, enabled, logistics FROM round_schedules ORDER BY id");
        await using var r = await command.ExecuteReaderAsync(ct);
        var schedules = new List<RoundSchedule>();
        while (await r.ReadAsync(ct))
        {
            schedules.Add(new RoundSchedule(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                JsonSerializer.Deserialize<MatchingSettings>(r.GetString(4), MatchingJson.Options)!, r.GetBoolean(5),
                LogisticsJson.Parameter(r.Nullable<string>(6))));
        }

        return schedules;
    }
}
