using System.Net;
using System.Text.Json;
using Hangfire;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>Rounds as Hangfire jobs on PostgreSQL: the job really runs on Hangfire's PostgreSQL storage.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoundJobTests(ApiFixture api)
{
    [Fact]
    public async Task A_created_round_answers_202_and_the_job_takes_it_out_of_the_queue_exactly_once()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line());
        var id = await Rounds.CreateAsync(api.Planner, world);
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.Equal(1, round.GetProperty("attempts").GetInt32());
        Assert.StartsWith("server-", round.GetProperty("worker").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, round.GetProperty("startedAt").ValueKind);
    }

    [Fact]
    public async Task A_round_whose_snapshot_cannot_be_read_is_marked_failed_with_the_reason()
    {
        var world = await api.NewWorldAsync();
        var id = await Rounds.CreateAsync(api.HeldPlanner, world);
        await using (var connection = await api.Host.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.Sql("UPDATE rounds SET snapshot_gzip = @bytes WHERE id = @id")
                .With("bytes", Gzip.Pack("""{"reference": 5}""")).With("id", id).ExecuteAsync(CancellationToken.None);
        }

        api.Host.Service<RoundLauncher>().Enqueue(id);
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.Equal("failed", round.GetProperty("status").GetString());
        Assert.Contains("snapshot cannot be read", round.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Rounds.AllocationRowsAsync(api.Host, id));
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
    }

    [Fact]
    public async Task A_round_whose_allocation_solver_stops_at_its_time_limit_without_a_plan_fails_with_the_reason_and_is_never_published()
    {
        var world = await api.NewWorldAsync();
        var id = await Rounds.CreateAsync(api.HeldPlanner, world);
        var demo = ScenarioFiles.LoadDirectory(Path.Combine(api.Host.Service<StartupTasks>().DataPath(), "demo")).Value!;
        var problem = demo with { Settings = demo.Settings with { Solver = SolverChoice.Lp, TimeLimitSeconds = 0.001 } };
        await using (var connection = await api.Host.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.Sql("UPDATE rounds SET snapshot_gzip = @bytes WHERE id = @id")
                .With("bytes", Gzip.Pack(JsonSerializer.Serialize(problem, SnapshotJson.Options))).With("id", id).ExecuteAsync(CancellationToken.None);
        }

        api.Host.Service<RoundLauncher>().Enqueue(id);
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.Equal("failed", round.GetProperty("status").GetString());
        Assert.Equal("The allocation solver (lp) ended without a plan (notSolved) within the round's time limit; create the round again with a longer "
            + "settings.timeLimitSeconds.", round.GetProperty("error").GetString());
        Assert.Equal(0, await Rounds.AllocationRowsAsync(api.Host, id));
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
    }

    [Fact]
    public async Task A_cancelled_round_is_left_alone_by_its_job_and_cannot_be_cancelled_twice()
    {
        var world = await api.NewWorldAsync();
        var id = await Rounds.CreateAsync(api.HeldPlanner, world);
        var cancelled = await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null)).ExpectAsync(HttpStatusCode.Conflict, "round_not_cancellable");

        var job = api.Host.Service<RoundLauncher>().Enqueue(id);
        await Rounds.JobSucceededAsync(api.Host.Service<JobStorage>(), job);
        var after = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).JsonAsync();
        Assert.Equal(("cancelled", 0), (after.GetProperty("status").GetString(), after.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_solved_round_that_will_not_be_published_is_withdrawn_and_the_lines_it_held_are_released_to_their_buyer()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var line = (await (await buyer.PostJsonAsync("/api/v1/demand-lines", world.Line())).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var id = await Rounds.CreateAsync(api.Planner, world);
        var solved = await Rounds.FinishedAsync(api.Planner, id);
        Assert.Equal("solved", solved.GetProperty("status").GetString());
        await (await buyer.DeleteAsync($"/api/v1/demand-lines/{line}")).ExpectAsync(HttpStatusCode.Conflict, "line_after_cutoff");

        var withdrawn = await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("cancelled", solved.GetProperty("finishedAt").GetRawText(), solved.GetProperty("worker").GetString()),
            (withdrawn.GetProperty("status").GetString(), withdrawn.GetProperty("finishedAt").GetRawText(), withdrawn.GetProperty("worker").GetString()));
        var cancelled = await (await buyer.DeleteAsync($"/api/v1/demand-lines/{line}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
        var kpis = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/kpis")).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
        Assert.Equal($"Round '{id}' is cancelled: it has no results and will have none (only a solved or published round has). Create a new round to plan again.",
            kpis.GetProperty("detail").GetString());
        var again = await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null)).ExpectAsync(HttpStatusCode.Conflict, "round_not_cancellable");
        Assert.Contains("is cancelled already", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rounds_are_listed_by_the_status_names_the_api_writes()
    {
        var world = await api.NewWorldAsync();
        var queued = await Rounds.CreateAsync(api.HeldPlanner, world);
        var cancelled = await Rounds.CreateAsync(api.HeldPlanner, world);
        await (await api.Planner.PostAsync($"/api/v1/rounds/{cancelled}/cancel", null)).ExpectAsync(HttpStatusCode.OK);

        foreach (var (status, id) in new[] { ("queued", queued), ("cancelled", cancelled) })
        {
            var listed = await (await api.Planner.GetAsync($"/api/v1/rounds?status={status}&limit=1000")).ExpectAsync(HttpStatusCode.OK);
            Assert.All(listed.EnumerateArray(), r => Assert.Equal(status, r.GetProperty("status").GetString()));
            Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        }
    }

    [Fact]
    public async Task A_policy_with_only_a_poverty_share_target_is_accepted_with_no_province_targets()
    {
        var body = new
        {
            horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"),
            horizonTo = World.Today.AddDays(3).ToString("yyyy-MM-dd"),
            settings = new { policy = new { minPovertySharePercent = 50 } },
        };
        var round = await (await api.HeldPlanner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted);
        var policy = round.GetProperty("settings").GetProperty("policy");
        Assert.Equal(50m, policy.GetProperty("minPovertySharePercent").GetDecimal());
        Assert.Empty(policy.GetProperty("minPurchaseCnyByProvince").EnumerateObject());
    }

    [Fact]
    public async Task A_round_interrupted_mid_solve_keeps_no_partial_results_and_is_taken_over_after_its_lease()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line());
        await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot());
        var id = await Rounds.CreateAsync(api.HeldPlanner, world);
        var store = api.Host.Service<RoundStore>();

        // A worker claims the round and dies mid-solve: it never renews its lease and never writes a result.
        Assert.Equal(StartOutcome.Started, await store.TryStartRoundAsync(id, "dead-worker:1", TimeSpan.FromSeconds(2), 3, CancellationToken.None));
        var running = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).JsonAsync();
        Assert.Equal(("running", "dead-worker:1"), (running.GetProperty("status").GetString(), running.GetProperty("worker").GetString()));
        Assert.Equal(0, await Rounds.AllocationRowsAsync(api.Host, id));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await api.Host.Service<RoundRescueJob>().RunAsync(CancellationToken.None);
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.Equal(2, round.GetProperty("attempts").GetInt32());
        Assert.StartsWith("server-", round.GetProperty("worker").GetString(), StringComparison.Ordinal);
        var result = await api.Host.Service<RoundResultStore>().LoadResultAsync(id, CancellationToken.None);
        Assert.Equal(result?.Allocations.Count ?? 0, await Rounds.AllocationRowsAsync(api.Host, id));
    }

    [Fact]
    public async Task A_second_job_for_a_round_another_worker_is_solving_ends_without_a_failure_and_leaves_the_round_to_that_worker()
    {
        var world = await api.NewWorldAsync();
        var id = await Rounds.CreateAsync(api.HeldPlanner, world);
        var store = api.Host.Service<RoundStore>();
        Assert.Equal(StartOutcome.Started, await store.TryStartRoundAsync(id, "live-worker:1", TimeSpan.FromMinutes(5), 3, CancellationToken.None));

        // The job dashboard shows the duplicate as done, not as a failure retried for minutes while the round is solved.
        var job = api.Host.Service<RoundLauncher>().Enqueue(id);
        var state = await Http.EventuallyAsync(() =>
        {
            using var connection = api.Host.Service<JobStorage>().GetConnection();
            return Task.FromResult(connection.GetStateData(job)?.Name);
        }, s => s is "Succeeded" or "Failed" or "Scheduled", Rounds.Timeout, $"job {job} to end or be retried");
        Assert.Equal("Succeeded", state);
        var round = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).JsonAsync();
        Assert.Equal(("running", "live-worker:1", 1), (round.GetProperty("status").GetString(), round.GetProperty("worker").GetString(),
            round.GetProperty("attempts").GetInt32()));
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_servers_on_one_database_share_the_rounds_and_start_each_exactly_once()
    {
        var second = api.SecondServer;
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line());
        var planners = new[] { api.Planner, second.Client(api.PlannerKey) };
        var ids = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await Rounds.CreateAsync(planners[i % 2], world));
        }

        var rounds = new List<System.Text.Json.JsonElement>();
        foreach (var id in ids)
        {
            rounds.Add(await Rounds.FinishedAsync(api.Planner, id));
        }

        Assert.All(rounds, r => Assert.Equal(1, r.GetProperty("attempts").GetInt32()));
        var servers = rounds.Select(r => r.GetProperty("worker").GetString()!.Split(':')[0]).Distinct().Order().ToList();
        Assert.Equal(["server-a", "server-b"], servers);
    }

    [Fact]
    public async Task A_schedule_registers_a_recurring_job_in_china_standard_time_that_creates_rounds()
    {
        var world = await api.NewWorldAsync();
        var id = "sched-" + world.Suffix;
        var body = new { cron = "0 6 * * *", horizonOffsetDays = 1, horizonDays = 3, settings = new { timeLimitSeconds = 5 }, enabled = true };
        var stored = await (await api.Planner.PutJsonAsync($"/api/v1/round-schedules/{id}", body)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(stored.GetRawText(), (await (await api.Planner.GetAsync($"/api/v1/round-schedules/{id}")).ExpectAsync(HttpStatusCode.OK)).GetRawText());
        using (var connection = api.Host.Service<JobStorage>().GetConnection())
        {
            var job = connection.GetAllEntriesFromHash(RoundScheduler.JobPrefix.Insert(0, "recurring-job:") + id);
            Assert.Equal(("0 6 * * *", Cst.Zone.Id), (job["Cron"], job["TimeZoneId"]));
        }

        api.Host.Service<IRecurringJobManager>().Trigger(RoundScheduler.JobPrefix + id);
        var created = await Http.EventuallyAsync(async () => await (await api.Planner.GetAsync("/api/v1/rounds?limit=1000")).JsonAsync(),
            list => list.EnumerateArray().Any(r => r.GetProperty("scheduleId").GetString() == id), Rounds.Timeout, "a scheduled round");
        var round = created.EnumerateArray().First(r => r.GetProperty("scheduleId").GetString() == id);
        var from = DateOnly.Parse(round.GetProperty("horizonFrom").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(World.Today.AddDays(1), from);
        Assert.Equal(World.Today, DateOnly.Parse(round.GetProperty("earliestShipDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(from.AddDays(2), DateOnly.Parse(round.GetProperty("horizonTo").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        await (await api.Planner.DeleteAsync($"/api/v1/round-schedules/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await api.Planner.GetAsync($"/api/v1/round-schedules/{id}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        using var after = api.Host.Service<JobStorage>().GetConnection();
        Assert.Null(after.GetAllEntriesFromHash("recurring-job:" + RoundScheduler.JobPrefix + id));
    }
}
