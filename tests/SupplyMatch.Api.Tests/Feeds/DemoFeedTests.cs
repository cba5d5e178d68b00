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
