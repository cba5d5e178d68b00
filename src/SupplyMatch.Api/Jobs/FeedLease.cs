using SupplyMatch.Storage;

namespace SupplyMatch.Api.Jobs;

/// <summary>
/// Keeps a run's claim on its feed while the pull works: renews the lease every third of its length with a conditional
/// UPDATE that succeeds only while this run holds the feed, so a slow source, a large file or retries with backoff never
/// let a second pull of the feed start. When a renewal finds the feed taken over (this run's lease lapsed, e.g. the
/// database was unreachable for longer than the lease), <see cref="Lost"/> is cancelled and the pull stops. Disposing
/// stops the renewals and waits for the last one to end.
/// </summary>
public sealed class FeedLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;

    private FeedLease(FeedRunStore runs, string feedId, Guid runId, TimeSpan lease, TimeProvider clock, ILogger logger) =>
        _renewals = RenewAsync(runs, feedId, runId, lease, clock, logger);

    /// <summary>Cancelled once the run has lost the feed to another run.</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Starts renewing the lease that <paramref name="runId"/> took for <paramref name="lease"/>.</summary>
    public static FeedLease Hold(FeedRunStore runs, string feedId, Guid runId, TimeSpan lease, TimeProvider clock, ILogger logger) =>
        new(runs, feedId, runId, lease, clock, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync(FeedRunStore runs, string feedId, Guid runId, TimeSpan lease, TimeProvider clock, ILogger logger)
    {
        using var timer = new PeriodicTimer(lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                bool held;
                try
                {
                    held = await runs.RenewLeaseAsync(feedId, runId, lease, _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The lease is still good until it lapses: try again at the next tick. Should another run take the
                    // feed over meanwhile, that renewal says so, and the merge checks the lease before it commits anyway.
                    logger.LogWarning(e, "Feed {Feed} run {Run}: the lease could not be renewed; retrying", feedId, runId);
                    continue;
                }

                if (!held)
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }
}
