using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Jobs;

/// <summary>
/// The Hangfire job of a feed: takes the feed id only and reads everything else when it runs. Failures are recorded in
/// the feed's run history (the fetch retries on its own), so Hangfire does not retry the job.
/// </summary>
public sealed class FeedPullJob(FeedPuller puller)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Pull feed {0} (schedule)")]
    public Task RunScheduledAsync(string feedId, CancellationToken ct) => puller.PullAsync(feedId, "schedule", ct);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Pull feed {0} (now)")]
    public Task RunNowAsync(string feedId, CancellationToken ct) => puller.PullAsync(feedId, "manual", ct);
}

/// <summary>Keeps one recurring Hangfire job per enabled feed (cron in China Standard Time), and queues pulls on demand.</summary>
public sealed class FeedScheduler(FeedStore feeds, IRecurringJobManager recurring, IBackgroundJobClient jobs, JobStorage storage, IOptions<SupplyMatchOptions> options)
{
    public const string JobPrefix = "feed:";

    private string Queue => options.Value.Jobs.Queue;

    /// <summary>Registers every enabled feed and removes recurring jobs of feeds that no longer exist or are disabled.</summary>
    public async Task SyncAllAsync(CancellationToken ct)
    {
        var all = await feeds.ListAsync(null, ct);
        foreach (var feed in all)
        {
            Sync(feed);
        }

        using var connection = storage.GetConnection();
        var known = all.Select(f => JobPrefix + f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(JobPrefix, StringComparison.Ordinal) && !known.Contains(j.Id)))
        {
            recurring.RemoveIfExists(job.Id);
        }
    }

    public void Sync(Feed feed)
    {
        if (!feed.Enabled)
        {
            Remove(feed.Id);
            return;
        }

        recurring.AddOrUpdate<FeedPullJob>(JobPrefix + feed.Id, Queue, j => j.RunScheduledAsync(feed.Id, CancellationToken.None), feed.Cron,
            new RecurringJobOptions { TimeZone = Cst.Zone });
    }

    public void Remove(string feedId) => recurring.RemoveIfExists(JobPrefix + feedId);

    /// <summary>Queues a pull now; returns the Hangfire job id.</summary>
    public string PullNow(string feedId) => jobs.Create<FeedPullJob>(j => j.RunNowAsync(feedId, CancellationToken.None), new EnqueuedState(Queue));
}
