using System.Net;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>The demo as `dotnet run` starts it: embedded store, seeded demo data, Kestrel on a real port, demo feeds pulling /samples.</summary>
public sealed class DemoFeedTests
{
    [Fact]
    public async Task The_seeded_demo_registers_feeds_against_its_own_samples_and_pulls_them_on_its_listening_port()
    {
        await using var api = new ApiHost(null, "demo", seed: true, demoKeys: true);
        await using var host = api.WithWebHostBuilder(b => b.UseSetting("Urls", "http://127.0.0.1:0"));
        host.UseKestrel();
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var planner = new HttpClient { BaseAddress = new Uri(address) };
        planner.DefaultRequestHeaders.Add("X-Api-Key", "demo-planner-key");
        var root = planner.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.NotEqual(5080, planner.BaseAddress.Port);

        var feeds = await Http.EventuallyAsync(async () => await (await planner.GetAsync("/api/v1/feeds")).JsonAsync(),
            f => f.ValueKind == JsonValueKind.Array && f.GetArrayLength() == 2, FeedFixture.Timeout, "the demo feeds");
        var lines = feeds.EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "demand");
        var buyer = lines.GetProperty("ownerId").GetString()!;
        var url = new Uri(lines.GetProperty("url").GetString()!);
        Assert.Equal(($"/samples/buyers/{buyer}/lines.csv", planner.BaseAddress.Port), (url.AbsolutePath, url.Port));
        Assert.StartsWith(root.Replace("127.0.0.1", url.Host, StringComparison.Ordinal), url.ToString(), StringComparison.Ordinal);

        var expected = DemoLinesOf(buyer);
        var run = await Http.EventuallyAsync(async () => await (await planner.GetAsync($"/api/v1/feeds/{lines.GetProperty("id").GetString()}/runs")).JsonAsync(),
            r => r.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "succeeded"), FeedFixture.Timeout, "the demo pull");
        var succeeded = run.EnumerateArray().First(x => x.GetProperty("status").GetString() == "succeeded");
        Assert.Equal((expected.Count, expected.Count, 0), (succeeded.GetProperty("counts").GetProperty("created").GetInt32(),
            succeeded.GetProperty("counts").GetProperty("read").GetInt32(), succeeded.GetProperty("counts").GetProperty("rejected").GetInt32()));

        var sample = await planner.GetStringAsync(url.AbsolutePath);
        Assert.StartsWith("需求编号,采购商编号,产品代码", sample, StringComparison.Ordinal);
        using var recurring = host.Services.GetService(typeof(JobStorage)) is JobStorage storage ? storage.GetConnection() : null;
        Assert.Contains(recurring!.GetRecurringJobs(), j => j.Id == $"feed:{lines.GetProperty("id").GetString()}");
        var forecast = feeds.EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "forecast");
        Assert.EndsWith($"/samples/bases/{forecast.GetProperty("ownerId").GetString()}/lots.json", forecast.GetProperty("url").GetString(), StringComparison.Ordinal);
        await (await planner.GetAsync("/samples/buyers/NO-SUCH/lines.csv")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        Assert.StartsWith("id,", await planner.GetStringAsync(url.AbsolutePath + "?header=en"), StringComparison.Ordinal);
        var header = await (await planner.GetAsync(url.AbsolutePath + "?header=fr")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("one_of", header.GetProperty("violations")[0].GetProperty("rule").GetString());
        var unknown = await (await planner.GetAsync(url.AbsolutePath + "?foo=1")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(("foo", "unknown_parameter"), (unknown.GetProperty("violations")[0].GetProperty("field").GetString(), unknown.GetProperty("violations")[0].GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task After_a_restart_a_disabled_demo_feed_is_not_pulled_and_a_deleted_one_stays_deleted()
    {
        var data = Path.Combine(Path.GetTempPath(), "supplymatch-api-tests", Guid.NewGuid().ToString("N"));
        string lines, lots;
        int runs;
        await using (var first = new Started(data))
        {
            var feeds = await Http.EventuallyAsync(async () => await (await first.Planner.GetAsync("/api/v1/feeds")).JsonAsync(),
                f => f.ValueKind == JsonValueKind.Array && f.GetArrayLength() == 2, FeedFixture.Timeout, "the demo feeds");
            var demand = feeds.EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "demand");
            (lines, lots) = (demand.GetProperty("id").GetString()!, feeds.EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "forecast").GetProperty("id").GetString()!);
            runs = (await Http.EventuallyAsync(async () => await (await first.Planner.GetAsync($"/api/v1/feeds/{lines}/runs")).JsonAsync(),
                r => r.GetArrayLength() > 0 && r[0].GetProperty("status").GetString() != "running", FeedFixture.Timeout, "the demo pull")).GetArrayLength();
            var body = new { kind = "demand", url = demand.GetProperty("url").GetString(), format = "csv", cron = demand.GetProperty("cron").GetString(), mode = "snapshot", enabled = false };
            await (await first.Planner.PutJsonAsync($"/api/v1/feeds/{lines}", body)).ExpectAsync(HttpStatusCode.OK);
            await (await first.Planner.DeleteAsync($"/api/v1/feeds/{lots}")).ExpectAsync(HttpStatusCode.NoContent);
        }

        await using var second = new Started(data);
        var after = await Http.EventuallyAsync(async () => await (await second.Planner.GetAsync("/api/v1/feeds")).JsonAsync(),
            f => f.ValueKind == JsonValueKind.Array, FeedFixture.Timeout, "the feeds after the restart");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal([lines], after.EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList());
        await (await second.Planner.GetAsync($"/api/v1/feeds/{lots}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(runs, (await (await second.Planner.GetAsync($"/api/v1/feeds/{lines}/runs")).JsonAsync()).GetArrayLength());
        Assert.False((await (await second.Planner.GetAsync($"/api/v1/feeds/{lines}")).JsonAsync()).GetProperty("enabled").GetBoolean());
    }

    /// <summary>The demo service on an embedded store in <paramref name="data"/>, listening on a free loopback port, with a planner client.</summary>
    private sealed class Started : IAsyncDisposable
    {
        private readonly ApiHost _api;
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host;

        public Started(string data)
        {
            _api = new ApiHost(null, "demo", appDataPath: data, seed: true, demoKeys: true);
            _host = _api.WithWebHostBuilder(b => b.UseSetting("Urls", "http://127.0.0.1:0"));
            _host.UseKestrel();
            _host.StartServer();
            var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Planner = new HttpClient { BaseAddress = new Uri(address) };
            Planner.DefaultRequestHeaders.Add("X-Api-Key", "demo-planner-key");
        }

        public HttpClient Planner { get; }

        public async ValueTask DisposeAsync()
        {
            Planner.Dispose();
            await _host.DisposeAsync();
            await _api.DisposeAsync();
        }
    }

    /// <summary>The buyer's rows of data/demo/lines.csv, read independently of the service.</summary>
    private static List<string> DemoLinesOf(string buyer)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "data", "demo", "lines.csv")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllLines(Path.Combine(dir.FullName, "data", "demo", "lines.csv"), Encoding.UTF8).Skip(1)
            .Where(l => l.Split(',')[1] == buyer).ToList();
    }
}
