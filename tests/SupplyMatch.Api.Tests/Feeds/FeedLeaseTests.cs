using System.Net;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>
/// The lease of a pull on an instance whose lease is 3 s (renewed every second) and whose requests may take 5 minutes
/// (longer than any wait here, so only the test's gate or a lost lease ends a request), against a source that answers
/// only when the test lets it: the pull outlives its lease.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedLeaseTests(FeedFixture f) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly CancellationToken _ct = CancellationToken.None;
    private ApiHost _slow = null!;

    private FeedRunStore Runs => _slow.Service<FeedRunStore>();

    public Task InitializeAsync()
    {
        _slow = f.AnotherInstance("feeds-lease", new Dictionary<string, string?>
        {
            ["SupplyMatch:Feeds:Lease"] = Lease.ToString(),
            ["SupplyMatch:Feeds:Timeout"] = "00:05:00",
            ["SupplyMatch:Feeds:Attempts"] = "1",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _slow.DisposeAsync();

    [Fact]
    public async Task A_pull_slower_than_its_lease_keeps_the_feed_and_a_concurrent_start_is_refused_until_it_ends()
    {
        var (w, path, release) = await GatedSourceAsync("slow.csv");
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var pull = _slow.Service<FeedPuller>().PullAsync(feed, "manual", _ct);
        await Http.EventuallyAsync(() => Task.FromResult(f.Server.Seen(path).Count), n => n == 1, FeedFixture.Timeout, "the pull to reach the source");
        var running = await Runs.RunningAsync(feed, _ct);
        var started = (await Runs.GetAsync(feed, running!.Value, _ct))!.StartedAt;

        // Past the lease taken at the start (by a margin): only renewals can still hold the feed.
        await Http.EventuallyAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > started + Lease + TimeSpan.FromSeconds(1.5),
            FeedFixture.Timeout, "the first lease to run out");
        Assert.Equal(running, await Runs.RunningAsync(feed, _ct));
        var concurrent = await f.Service<FeedRunStore>().TryStartAsync(feed, "manual", Lease, _ct);
        Assert.Equal((false, running.Value), (concurrent!.Started, concurrent.RunId));
        await (await f.Planner.PostAsync($"/api/v1/feeds/{feed}/pull", null)).ExpectAsync(HttpStatusCode.Conflict, "feed_pull_running");

        release.SetResult();
        var run = await pull.WaitAsync(FeedFixture.Timeout);
        Assert.Equal((running.Value, FeedRunStatus.Succeeded, 1), (run!.Id, run.Status, run.Counts.Created));
        Assert.Null(await Runs.RunningAsync(feed, _ct));
        Assert.Single(f.Server.Seen(path));
    }

    [Fact]
    public async Task A_run_whose_lease_was_taken_over_stops_without_waiting_for_the_source_and_commits_nothing()
    {
        var (w, path, release) = await GatedSourceAsync("taken.csv");
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var pull = _slow.Service<FeedPuller>().PullAsync(feed, "manual", _ct);
        await Http.EventuallyAsync(() => Task.FromResult(f.Server.Seen(path).Count), n => n == 1, FeedFixture.Timeout, "the pull to reach the source");
        var first = (await Runs.RunningAsync(feed, _ct))!.Value;

        var second = await TakeOverAsync(feed);
        var run = await pull.WaitAsync(FeedFixture.Timeout);
        Assert.Equal((first, FeedRunStatus.Failed), (run!.Id, run.Status));
        Assert.Contains("nothing of it was kept", run.Error, StringComparison.Ordinal);
        Assert.Equal(second, await Runs.RunningAsync(feed, _ct));

        release.SetResult();
        Assert.Empty((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
        Assert.True(await Runs.FinishAsync(feed, second, new FeedRunEnd(FeedRunStatus.NotModified, 304, 1, null, FeedRunCounts.None, null, [], null), _ct));
        Assert.Empty((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
    }

    /// <summary>A source path that answers (one line) only once the returned gate is released.</summary>
    private async Task<(World W, string Path, TaskCompletionSource Release)> GatedSourceAsync(string file)
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/{file}";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Server.Script(path, async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await FeedServer.Body(Csv(Line(w, "L-1", 1_000)))(context);
        });
        return (w, path, release);
    }

    /// <summary>
    /// What a second worker does once a run's lease has lapsed (its worker stalled beyond it): the lease is made to lapse,
    /// then a new run claims the feed; repeated should a renewal land in between.
    /// </summary>
    private async Task<Guid> TakeOverAsync(string feed)
    {
        var database = _slow.Service<Database>();
        var start = await Http.EventuallyAsync(async () =>
        {
            await using (var connection = await database.OpenAsync(_ct))
            {
                await connection.Sql("UPDATE feeds SET lease_until = @past WHERE id = @id").With("past", DateTimeOffset.UtcNow.AddMinutes(-1)).With("id", feed)
                    .ExecuteAsync(_ct);
            }

            return await f.Service<FeedRunStore>().TryStartAsync(feed, "manual", TimeSpan.FromMinutes(5), _ct);
        }, s => s!.Started, FeedFixture.Timeout, "another run to take the feed over");
        return start!.RunId;
    }
}
