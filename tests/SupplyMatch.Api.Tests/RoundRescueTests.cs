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
}
