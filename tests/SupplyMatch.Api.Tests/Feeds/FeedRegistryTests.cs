using System.Net;
using Hangfire;
using Hangfire.Storage;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>The feed registry: validation, secrets, who sees what, and the recurring job of each enabled feed.</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedRegistryTests(FeedFixture f)
{
    [Fact]
    public async Task A_feed_with_a_bad_url_cron_owner_or_header_is_refused_naming_each_field()
    {
        var w = await f.NewWorldAsync();
        var response = await f.Planner.PostJsonAsync("/api/v1/feeds", new
        {
            kind = "forecast", ownerId = w.BuyerIds[0], url = "ftp://example.org/lots.csv", format = "csv", cron = "every hour", mode = "snapshot",
            authHeaderName = "Bad Header", authHeaderValue = "x",
        });
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var rules = problem.GetProperty("violations").EnumerateArray().Select(v => $"{v.GetProperty("field").GetString()}:{v.GetProperty("rule").GetString()}").Order().ToList();
        Assert.Equal(["authHeaderName:header_name", "cron:cron_format", "ownerId:exists", "url:http_url"], rules);
        await (await f.Planner.PostJsonAsync("/api/v1/feeds", new { kind = "demand", ownerId = w.BuyerIds[0] }))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Buyers_see_only_their_own_feeds_and_runs_and_cannot_change_them_and_kind_and_owner_are_fixed()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/own.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "V-1"))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, authName: "X-Token", authValue: "very-secret");
        await f.PullAsync(feed);
        var (mine, other, baseKey) = (f.Client(w.BuyerKeys[0]), f.Client(w.BuyerKeys[1]), f.Client(w.BaseKeys[0]));
        Assert.Equal([feed], (await (await mine.GetAsync("/api/v1/feeds")).JsonAsync()).EnumerateArray().Select(x => x.GetProperty("id").GetString()).ToList());
        Assert.Empty((await (await other.GetAsync("/api/v1/feeds")).JsonAsync()).EnumerateArray());
        await (await mine.GetAsync($"/api/v1/feeds/{feed}/runs")).ExpectAsync(HttpStatusCode.OK);
        await (await other.GetAsync($"/api/v1/feeds/{feed}/runs")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await baseKey.GetAsync($"/api/v1/feeds/{feed}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await mine.PostAsync($"/api/v1/feeds/{feed}/pull", null)).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");

        var body = new { kind = "forecast", url = f.Server.Url(path), format = "csv", cron = "0 4 * * *", mode = "incremental", authHeaderName = "X-Token" };
        await (await f.Planner.PutJsonAsync($"/api/v1/feeds/{feed}", body)).ExpectAsync(HttpStatusCode.Conflict, "feed_owner_fixed");
        var changed = await (await f.Planner.PutJsonAsync($"/api/v1/feeds/{feed}", body with { kind = "demand" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("incremental", "X-Token", true), (changed.GetProperty("mode").GetString(), changed.GetProperty("authHeaderName").GetString(),
            changed.GetProperty("hasAuthHeaderValue").GetBoolean()));
        var audit = await (await f.Planner.GetAsync($"/api/v1/audit?entity=feed&entityId={feed}")).JsonAsync();
        Assert.DoesNotContain("very-secret", audit.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", (await (await f.Planner.GetAsync("/api/v1/feeds")).JsonAsync()).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_id_of_a_deleted_feed_is_refused_for_another_owner_or_kind_and_taken_again_by_its_owner_with_its_lines()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/reused.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "R-1"), Line(w, "R-2"))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        await f.PullAsync(feed);
        var before = await f.LinesAsync(w.BuyerKeys[0]);
        await (await f.Planner.DeleteAsync($"/api/v1/feeds/{feed}")).ExpectAsync(HttpStatusCode.NoContent);
        var body = new { id = feed, kind = "demand", ownerId = w.BuyerIds[1], url = f.Server.Url(path), format = "csv", cron = "0 3 * * *", mode = "snapshot" };

        var other = await (await f.Planner.PostJsonAsync("/api/v1/feeds", body)).ExpectAsync(HttpStatusCode.Conflict, "feed_id_in_use");
        await (await f.Planner.PostJsonAsync("/api/v1/feeds", body with { kind = "forecast", ownerId = w.BaseIds[0] })).ExpectAsync(HttpStatusCode.Conflict, "feed_id_in_use");
        await (await f.Planner.PostJsonAsync("/api/v1/feeds", body with { ownerId = w.BuyerIds[0] })).ExpectAsync(HttpStatusCode.Created);
        var again = await f.PullAsync(feed);

        Assert.Contains($"buyer {w.BuyerIds[0]}", other.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, before.GetArrayLength());
        Assert.Equal((0, 2), (again.GetProperty("counts").GetProperty("created").GetInt32(), again.GetProperty("counts").GetProperty("unchanged").GetInt32()));
        Assert.Equal(before.GetRawText(), (await f.LinesAsync(w.BuyerKeys[0])).GetRawText());
        Assert.Equal(0, (await f.LinesAsync(w.BuyerKeys[1])).GetArrayLength());
    }

    [Fact]
    public async Task An_enabled_feed_has_a_recurring_job_in_china_standard_time_that_pulls_it_and_disabling_removes_the_job()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/scheduled.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "Q-1"), Line(w, "Q-2"))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var storage = f.Service<JobStorage>();
        RecurringJobDto? Job()
        {
            using var connection = storage.GetConnection();
            return connection.GetRecurringJobs().FirstOrDefault(j => j.Id == FeedScheduler.JobPrefix + feed);
        }

        var job = Job();
        Assert.Equal(("0 3 * * *", Cst.Zone.Id), (job!.Cron, job.TimeZoneId));
        f.Service<IRecurringJobManager>().Trigger(job.Id);
        var runs = await Http.EventuallyAsync(() => f.RunsAsync(feed), r => r.GetArrayLength() == 1 && r[0].GetProperty("status").GetString() == "succeeded",
            FeedFixture.Timeout, "the scheduled pull");
        Assert.Equal(("schedule", 2), (runs[0].GetProperty("trigger").GetString(), runs[0].GetProperty("counts").GetProperty("created").GetInt32()));

        var body = new { url = f.Server.Url(path), format = "csv", cron = "0 3 * * *", mode = "snapshot", enabled = false };
        await (await f.Planner.PutJsonAsync($"/api/v1/feeds/{feed}", body)).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(Job());
        await (await f.Planner.DeleteAsync($"/api/v1/feeds/{feed}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await f.Planner.GetAsync($"/api/v1/feeds/{feed}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(2, (await f.LinesAsync(w.BuyerKeys[0])).GetArrayLength());
    }
}
