using System.Net;
using Hangfire;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>A round whose worker was killed (its lease lapsed, nobody released it) goes to another worker within a rescue.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoundRescueTests(ApiFixture api)
{
    [Fact]
    public async Task A_round_whose_worker_stopped_without_a_word_is_queued_again_by_the_rescue_and_solved_by_another_worker()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_200));
        await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(3_000));
        var id = (await (await api.HeldPlanner.PostJsonAsync("/api/v1/rounds", world.Round())).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        var store = api.Host.Service<RoundStore>();
        Assert.Equal(StartOutcome.Started, await store.TryStartRoundAsync(id, "killed-worker:1", TimeSpan.FromSeconds(3), 3, CancellationToken.None));
        var rescue = api.Host.Service<RoundRescueJob>();
        await rescue.RunAsync(CancellationToken.None);
        Assert.Equal(RoundStatus.Running, (await store.GetRoundAsync(id, CancellationToken.None))!.Status);

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await rescue.RunAsync(CancellationToken.None);
        var again = await store.RequeueLapsedRoundsAsync(CancellationToken.None);
        var round = await Rounds.FinishedAsync(api.Planner, id);

        Assert.DoesNotContain(id, again);
        Assert.Equal(("solved", 2), (round.GetProperty("status").GetString(), round.GetProperty("attempts").GetInt32()));
        using var connection = api.Host.Service<JobStorage>().GetConnection();
        Assert.Contains(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == RoundScheduler.RescueJobId && j.Cron == Cron.Minutely());
    }

    [Fact]
    public async Task A_round_whose_lease_lapsed_while_the_service_was_down_is_queued_once_by_the_start_and_not_again_by_the_rescue()
    {
        _ = api;
        await using var host = new ApiHost(null, "restarted", runServer: false, queue: "restarted");
        var planner = host.Client(await host.IssueKeyAsync(Roles.Planner, null));
        var world = await host.NewWorldAsync(planner);
        var id = await Rounds.CreateAsync(planner, world);
        var store = host.Service<RoundStore>();
        Assert.Equal(StartOutcome.Started, await store.TryStartRoundAsync(id, "killed-worker:1", TimeSpan.FromSeconds(1), 3, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // What a start does, then the rescue's first run: between them, one more job for the round (besides the one its
        // creation queued, which the killed worker had taken).
        var before = JobsOf(host, id);
        await host.Service<RoundScheduler>().SyncAllAsync(CancellationToken.None);
        await host.Service<RoundRescueJob>().RunAsync(CancellationToken.None);

        var queued = await store.GetRoundAsync(id, CancellationToken.None);
        Assert.Equal((1, RoundStatus.Queued, 1), (JobsOf(host, id) - before, queued!.Status, queued.Attempts));
    }

    /// <summary>Round jobs of the round waiting in the host's queue.</summary>
    private static int JobsOf(ApiHost host, Guid id) => host.Service<JobStorage>().GetMonitoringApi().EnqueuedJobs("restarted", 0, 1000)
        .Count(j => j.Value.Job.Type == typeof(RoundJob) && j.Value.Job.Args[0] is Guid round && round == id);
}
