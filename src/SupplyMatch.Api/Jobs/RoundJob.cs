using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Jobs;

/// <summary>
/// Solves one round. Takes only the round id; safe to run twice (a finished round is left alone). The round is claimed
/// with a lease renewed while solving, so a second worker never solves it at the same time and a dead worker's round is
/// taken over once its lease lapses. When the round asks for logistics, the whole-truck plan follows the allocation on the
/// same snapshot. All results (allocation and logistics) are written in one transaction at the end. A job for a round that
/// another worker holds on a live lease (a second job for the same round: queued again at start, or a lost job handed out
/// again) ends at once and quietly: that worker finishes the round, hands it back when its instance stops, or, killed, lets
/// its lease lapse, and the minutely rescue then queues the round again. Retrying such a job would only fill the job
/// dashboard with failures of a round that is being solved.
/// </summary>
public sealed class RoundJob(RoundStore rounds, IOptions<SupplyMatchOptions> options, ILogger<RoundJob> logger)
{
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89])]
    [JobDisplayName("Solve round {0}")]
    public async Task RunAsync(Guid roundId, CancellationToken ct)
    {
        var jobs = options.Value.Jobs;
        var worker = $"{jobs.ServerName ?? Environment.MachineName}:{Guid.NewGuid():N}";
        switch (await rounds.TryStartRoundAsync(roundId, worker, jobs.RoundLease, jobs.RoundMaxAttempts, ct))
        {
            case StartOutcome.Busy:
                logger.LogInformation("Round {Round} is being solved by another worker; this job has nothing to do", roundId);
                return;
            case StartOutcome.Started:
                await SolveAsync(roundId, worker, jobs.RoundLease, ct);
                return;
            default:
                return;
        }
    }

    private async Task SolveAsync(Guid roundId, string worker, TimeSpan lease, CancellationToken ct)
    {
        var logistics = (await rounds.GetRoundAsync(roundId, ct))?.Logistics;
        MatchingProblem problem;
        try
        {
            problem = await rounds.LoadRoundSnapshotAsync(roundId, ct) ?? throw new JsonException("The snapshot is empty.");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            await rounds.MarkRoundFailedAsync(roundId, worker, $"The round's snapshot cannot be read: {e.Message}", CancellationToken.None);
            return;
        }

        using var lost = new CancellationTokenSource();
        using var solveCancel = CancellationTokenSource.CreateLinkedTokenSource(ct, lost.Token);
        using var heartbeat = new CancellationTokenSource();
        var renewals = RenewLeaseAsync(roundId, worker, lease, lost, heartbeat.Token);
        (MatchingResult Allocation, LogisticsResult? Logistics) result;
        try
        {
            result = await Task.Run(() => Solve(problem, logistics, solveCancel.Token), CancellationToken.None);
            ct.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The server is shutting down: hand the round back so that the re-queued job starts it afresh.
            await StopAsync(heartbeat, renewals);
            await rounds.ReleaseRoundAsync(roundId, worker, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await StopAsync(heartbeat, renewals);
            if (!lost.IsCancellationRequested)
            {
                logger.LogWarning(e, "Round {Round} failed", roundId);
                await rounds.MarkRoundFailedAsync(roundId, worker, $"The solve failed: {e.GetType().Name}: {e.Message}", CancellationToken.None);
            }

            return;
        }

        await StopAsync(heartbeat, renewals);
        await FinishAsync(roundId, worker, result.Allocation, result.Logistics, lost.IsCancellationRequested, ct);
    }

    /// <summary>
    /// The allocation, then (when the round asks for it) the whole-truck logistics plan of the same snapshot, under the
    /// round's (or the parameter's) time limit and workers; the same token stops either solve.
    /// </summary>
    private static (MatchingResult Allocation, LogisticsResult? Logistics) Solve(MatchingProblem problem, RoundLogistics? logistics, CancellationToken ct)
    {
        var allocation = Matcher.Solve(problem, ct);
        if (logistics is not { Enabled: true } || allocation.Status == SolveStatus.Cancelled || ct.IsCancellationRequested)
        {
            return (allocation, null);
        }

        return (allocation, LogisticsPlanner.Plan(problem, logistics.ToSettings(), ct));
    }

    private static async Task StopAsync(CancellationTokenSource heartbeat, Task renewals)
    {
        await heartbeat.CancelAsync();
        await renewals;
    }

    private async Task FinishAsync(Guid roundId, string worker, MatchingResult result, LogisticsResult? logistics, bool lost, CancellationToken ct)
    {
        if (lost || result.Status == SolveStatus.Cancelled || logistics?.Status == SolveStatus.Cancelled)
        {
            logger.LogInformation("Round {Round} was cancelled or taken over; its result is discarded", roundId);
            return;
        }

        ct.ThrowIfCancellationRequested();
        if (NoPlanReason(result, logistics) is { } reason)
        {
            // Saved as solved, an empty plan could be published: every line unmet, for no reason a buyer could act on.
            await rounds.MarkRoundFailedAsync(roundId, worker, reason, CancellationToken.None);
            return;
        }

        if (!await rounds.SaveRoundResultAsync(roundId, worker, result, logistics, CancellationToken.None))
        {
            logger.LogInformation("Round {Round} changed hands before its result was saved; result discarded", roundId);
        }
    }

    /// <summary>
    /// Why a solve that ended without a plan (the allocation's solver stopped at its time limit, or a solver answered
    /// infeasible, or the logistics search found no plan) fails the round; null when there is a plan to save.
    /// </summary>
    public static string? NoPlanReason(MatchingResult allocation, LogisticsResult? logistics) => (allocation.Status, logistics?.Status) switch
    {
        (SolveStatus.NotSolved or SolveStatus.Infeasible, _) =>
            $"The allocation solver ({allocation.Statistics.Solver}) ended without a plan ({JsonNamingPolicy.CamelCase.ConvertName(allocation.Status.ToString())}) "
            + "within the round's time limit; create the round again with a longer settings.timeLimitSeconds.",
        (_, SolveStatus.NotSolved or SolveStatus.Infeasible) =>
            $"The logistics solver ended without a plan ({JsonNamingPolicy.CamelCase.ConvertName(logistics!.Status.ToString())}) within its time limit; "
            + "create the round again with a longer logistics.timeLimitSeconds.",
        _ => null,
    };

    /// <summary>
    /// Renews the lease every third of its length (at least every 2 s, so that a planner's cancel reaches the solver
    /// quickly); a failed renewal (cancelled round, lost lease) stops the solve through its cancellation token.
    /// </summary>
    private async Task RenewLeaseAsync(Guid roundId, string worker, TimeSpan lease, CancellationTokenSource lost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Min((lease / 3).Ticks, TimeSpan.FromSeconds(2).Ticks)));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (!await rounds.RenewLeaseAsync(roundId, worker, lease, stop))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Solve finished.
        }
    }
}
