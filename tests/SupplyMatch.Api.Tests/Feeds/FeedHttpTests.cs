using System.Diagnostics;
using System.Net;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>The HTTP side of pulls (timeout 1 s, 3 attempts, 50 ms first retry delay, 64 KB body limit in this fixture).</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedHttpTests(FeedFixture f)
{
    [Fact]
    public async Task A_server_error_is_retried_and_the_pull_recovers_when_the_server_does()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/flaky.csv";
        f.Server.Script(path, FeedServer.Status(500), FeedServer.Status(503), FeedServer.Body(Csv(Line(w, "R-1", 1_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var run = await f.PullAsync(feed);
        Assert.Equal(("succeeded", 3, 200, 1), (run.GetProperty("status").GetString(), run.GetProperty("attempts").GetInt32(),
            run.GetProperty("httpStatus").GetInt32(), run.GetProperty("counts").GetProperty("created").GetInt32()));
        Assert.Equal(3, f.Server.Seen(path).Count);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_fails_the_run_after_the_last_attempt_and_a_client_error_is_not_retried()
    {
        var w = await f.NewWorldAsync();
        var (down, missing) = ($"{w.Suffix}/down.csv", $"{w.Suffix}/missing.csv");
        f.Server.Script(down, FeedServer.Status(502));
        f.Server.Script(missing, FeedServer.Status(404));
        var failed = await f.PullAsync(await f.RegisterAsync("demand", w.BuyerIds[0], down));
        Assert.Equal(("failed", 3, 502), (failed.GetProperty("status").GetString(), failed.GetProperty("attempts").GetInt32(), failed.GetProperty("httpStatus").GetInt32()));
        Assert.Contains("answered 502", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(("http_error", """{"status":"502","reason":"Bad Gateway","attempts":"3"}"""),
            (failed.GetProperty("errorCode").GetString(), failed.GetProperty("errorParams").GetRawText()));
        var notFound = await f.PullAsync(await f.RegisterAsync("demand", w.BuyerIds[1], missing));
        Assert.Equal(("failed", 1, 404), (notFound.GetProperty("status").GetString(), notFound.GetProperty("attempts").GetInt32(), notFound.GetProperty("httpStatus").GetInt32()));
        Assert.Equal(("http_error", """{"status":"404","reason":"Not Found"}"""),
            (notFound.GetProperty("errorCode").GetString(), notFound.GetProperty("errorParams").GetRawText()));
        Assert.Single(f.Server.Seen(missing));
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_fails_the_run_after_its_attempts_without_waiting_for_the_answer()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/slow.csv";
        f.Server.Script(path, async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            await FeedServer.Body(Csv(Line(w, "T-1")))(context);
        });
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        var clock = Stopwatch.StartNew();
        var run = await f.PullAsync(feed);
        Assert.Equal(("failed", 3), (run.GetProperty("status").GetString(), run.GetProperty("attempts").GetInt32()));
        Assert.Contains("no complete answer within 1 s (3 attempts)", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(("timeout", "1", "3"), (run.GetProperty("errorCode").GetString(), run.GetProperty("errorParams").GetProperty("seconds").GetString(),
            run.GetProperty("errorParams").GetProperty("attempts").GetString()));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(25));
        Assert.Empty((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_fails_the_run_after_its_attempts_naming_that_cause()
    {
        var w = await f.NewWorldAsync();
        var response = await f.Planner.PostJsonAsync("/api/v1/feeds", new
        {
            kind = "demand", ownerId = w.BuyerIds[0], url = $"http://127.0.0.1:{Ports.Closed()}/lines.csv", format = "csv", cron = "0 3 * * *", mode = "snapshot",
        });
        var feed = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var run = await f.PullAsync(feed);
        Assert.Equal(("failed", 3, "request_failed"), (run.GetProperty("status").GetString(), run.GetProperty("attempts").GetInt32(),
            run.GetProperty("errorCode").GetString()));
        var parameters = run.GetProperty("errorParams");
        Assert.Equal(("connection", "3"), (parameters.GetProperty("cause").GetString(), parameters.GetProperty("attempts").GetString()));
        var detail = parameters.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.Equal($"The file could not be fetched: the request failed: {detail} (3 attempts); nothing was changed.", run.GetProperty("error").GetString());
        Assert.Empty((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_body_fails_the_run_without_a_retry_whether_or_not_its_length_is_announced(bool announced)
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/big-{announced}.csv";
        var rows = Enumerable.Range(0, 1_500).Select(i => Line(w, $"B-{i:D5}", 1_000 + i)).ToArray();
        var body = Csv(rows);
        Assert.True(body.Length > 65_536);
        f.Server.Script(path, announced ? FeedServer.Body(body) : async context =>
        {
            context.Response.ContentType = "text/csv";
            foreach (var chunk in body.Chunk(8_192))
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        var run = await f.PullAsync(await f.RegisterAsync("demand", w.BuyerIds[0], path));
        Assert.Equal(("failed", 1), (run.GetProperty("status").GetString(), run.GetProperty("attempts").GetInt32()));
        Assert.Contains("larger than the limit of 65,536 bytes", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(("body_too_large", """{"limit":"65536"}"""), (run.GetProperty("errorCode").GetString(), run.GetProperty("errorParams").GetRawText()));
        Assert.Empty((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
    }

    [Theory]
    [InlineData("csv", "text/html; charset=utf-8", "\uFEFF\r\n<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>", "Content-Type text/html), not a CSV file")]
    [InlineData("json", "application/xml", "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>", "Content-Type application/xml), not a JSON file")]
    [InlineData("csv", "text/csv", "<html><body>Gateway timeout</body></html>", "Content-Type text/csv), not a CSV file")]
    public async Task A_web_page_answered_instead_of_the_file_fails_the_run_at_once_with_that_reason_and_changes_nothing(
        string format, string contentType, string page, string reason)
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/page.{format}";
        var good = format == "csv" ? Csv(Line(w, "W-1", 1_000))
            : Json($$"""{"id":"W-1","productCode":"{{w.ProductCodes[0]}}","minGrade":"first","quantityKg":1000,"earliest":"{{Day(2)}}","latest":"{{Day(4)}}","maxLandedCnyPerKg":6.8,"minFreshnessPct":50}""");
        f.Server.Script(path, FeedServer.Body(good), FeedServer.Body(System.Text.Encoding.UTF8.GetBytes(page), contentType));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, format: format);
        Assert.Equal("succeeded", (await f.PullAsync(feed)).GetProperty("status").GetString());

        var run = await f.PullAsync(feed);
        Assert.Equal(("failed", 1, 200), (run.GetProperty("status").GetString(), run.GetProperty("attempts").GetInt32(), run.GetProperty("httpStatus").GetInt32()));
        var error = run.GetProperty("error").GetString()!;
        Assert.StartsWith("The file could not be fetched: the feed server answered with an HTML or XML page (", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("check the URL and the auth header", error, StringComparison.Ordinal);
        Assert.Equal(2, f.Server.Seen(path).Count);
        var line = Assert.Single((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
        Assert.Equal(("open", 1), (line.GetProperty("status").GetString(), line.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Two_pulls_of_the_same_feed_at_once_run_only_once()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/gate.csv";
        var release = new TaskCompletionSource();
        f.Server.Script(path, async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await FeedServer.Body(Csv(Line(w, "G-1")))(context);
        });
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path);
        await (await f.Planner.PostAsync($"/api/v1/feeds/{feed}/pull", null)).ExpectAsync(HttpStatusCode.Accepted);
        await Http.EventuallyAsync(() => Task.FromResult(f.Server.Seen(path).Count), n => n == 1, FeedFixture.Timeout, "the first pull to reach the server");

        await (await f.Planner.PostAsync($"/api/v1/feeds/{feed}/pull", null)).ExpectAsync(HttpStatusCode.Conflict, "feed_pull_running");
        var direct = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => f.Service<FeedPuller>().PullAsync(feed, "manual", CancellationToken.None)));
        Assert.All(direct, r => Assert.Equal(FeedRunStatus.Skipped, r!.Status));
        Assert.All(direct, r => Assert.Contains("already running", r!.Error, StringComparison.Ordinal));

        release.SetResult();
        var runs = await Http.EventuallyAsync(() => f.RunsAsync(feed),
            r => r.EnumerateArray().All(x => x.GetProperty("status").GetString() != "running"), FeedFixture.Timeout, "the pull to finish");
        Assert.Equal(["skipped", "skipped", "succeeded"], runs.EnumerateArray().Select(r => r.GetProperty("status").GetString()).Order().ToList());
        Assert.Single(f.Server.Seen(path));
        Assert.Single((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
        await (await f.Planner.PostAsync($"/api/v1/feeds/{feed}/pull", null)).ExpectAsync(HttpStatusCode.Accepted);
    }
}
