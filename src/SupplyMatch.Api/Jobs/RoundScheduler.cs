using Cronos;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Jobs;

/// <summary>China Standard Time (UTC+8, no daylight saving): calendar days and schedule crons.</summary>
public static class Cst
{
    public static TimeZoneInfo Zone { get; } = Find();

    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The CST calendar day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }
}

/// <summary>Creates a round (snapshot in one transaction) and queues its job with the round id only.</summary>
public sealed class RoundLauncher(RoundStore rounds, IBackgroundJobClient jobs, IOptions<SupplyMatchOptions> options)
{
    public async Task<RoundRecord> LaunchAsync(NewRound round, Actor actor, CancellationToken ct)
    {
        var record = await rounds.CreateRoundWithSnapshotAsync(round, actor, ct);
        Enqueue(record.Id);
        return record;
    }

    public string Queue => options.Value.Jobs.Queue;

    /// <summary>Queues the solve of a round; returns the Hangfire job id.</summary>
    public string Enqueue(Guid roundId) => jobs.Create<RoundJob>(j => j.RunAsync(roundId, CancellationToken.None), new EnqueuedState(Queue));
}

/// <summary>Keeps Hangfire's recurring jobs in line with the stored round schedules.</summary>
public sealed class RoundScheduler(ScheduleStore schedules, RoundStore rounds, RoundLauncher launcher, IRecurringJobManager recurring, TimeProvider clock)
{
    public const string JobPrefix = "round-schedule:";

    /// <summary>
    /// Whether a cron expression fires at some time: "0 0 31 2 *" (the 31st of February) parses but never does, so a
    /// feed or schedule on it would silently never run. Any expression that fires does so within 28 years of any day.
    /// </summary>
    public static bool CronFires(string cron)
    {
        try
        {
            return CronExpression.Parse(cron).GetNextOccurrence(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)) is not null;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>Whether the text is a five-field cron expression.</summary>
    public static bool IsValidCron(string cron)
    {
        try
        {
            CronExpression.Parse(cron);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>The recurring job that hands rounds whose worker stopped to another (<see cref="RoundRescueJob"/>).</summary>
    public const string RescueJobId = "rounds:rescue";

    /// <summary>
    /// Registers every enabled schedule and the minutely rescue of rounds whose worker stopped, and re-queues rounds whose
    /// job may have been lost: those on an expired lease go back to the queue by the rescue's own conditional update (so
    /// that the rescue, running at the same time, does not queue them a second time), and those queued for over 5 minutes
    /// get a job again.
    /// </summary>
    public async Task SyncAllAsync(CancellationToken ct)
    {
        foreach (var schedule in await schedules.ListAsync(ct))
        {
            Sync(schedule);
        }

        recurring.AddOrUpdate<RoundRescueJob>(RescueJobId, launcher.Queue, j => j.RunAsync(CancellationToken.None), Cron.Minutely());

        var stale = await rounds.StaleRoundIdsAsync(clock.Now().AddMinutes(-5), ct);
        var lapsed = await rounds.RequeueLapsedRoundsAsync(ct);
        foreach (var id in stale.Concat(lapsed).Distinct())
        {
            launcher.Enqueue(id);
        }
    }

    public void Sync(RoundSchedule schedule)
    {
        if (!schedule.Enabled)
        {
            Remove(schedule.Id);
            return;
        }

        recurring.AddOrUpdate<ScheduledRoundJob>(JobPrefix + schedule.Id, launcher.Queue, j => j.RunAsync(schedule.Id, CancellationToken.None), schedule.Cron,
            new RecurringJobOptions { TimeZone = Cst.Zone });
    }

    public void Remove(string scheduleId) => recurring.RemoveIfExists(JobPrefix + scheduleId);
}

/// <summary>
/// Every minute, rounds whose worker stopped without a word (a killed process: the lease lapsed) go back to the queue and
/// to another worker, instead of waiting for Hangfire to hand the lost job out again after its invisibility timeout.
/// </summary>
public sealed class RoundRescueJob(RoundStore rounds, RoundLauncher launcher)
{
    [JobDisplayName("Rounds whose worker stopped, queued again")]
    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var id in await rounds.RequeueLapsedRoundsAsync(ct))
        {
            launcher.Enqueue(id);
        }
    }
}

/// <summary>
/// Creates the round of a schedule: horizon relative to today in CST, cutoff now, and no truck before today (a scheduled
/// round is live: what left yesterday can no longer be planned).
/// </summary>
public sealed class ScheduledRoundJob(ScheduleStore schedules, RoundLauncher launcher, TimeProvider clock)
{
    [JobDisplayName("Scheduled round {0}")]
    public async Task RunAsync(string scheduleId, CancellationToken ct)
    {
        var schedule = await schedules.GetAsync(scheduleId, ct);
        if (schedule is not { Enabled: true })
        {
            return;
        }

        var now = clock.Now();
        var today = Cst.DayOf(now);
        var from = today.AddDays(schedule.HorizonOffsetDays);
        var round = new NewRound(
            Guid.CreateVersion7(), from, from.AddDays(schedule.HorizonDays - 1), now, schedule.Settings, schedule.Id, schedule.Logistics, today);
        await launcher.LaunchAsync(round, Actor.System, ct);
    }
}
