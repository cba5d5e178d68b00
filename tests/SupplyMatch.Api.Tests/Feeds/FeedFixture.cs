using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;
using SupplyMatch.Testing;

namespace SupplyMatch.Api.Tests.Feeds;

[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<FeedFixture>
{
    public const string Name = "feeds";
}

/// <summary>
/// The service on its own PostgreSQL database with Hangfire processing the pulls, short feed timeouts and a small body
/// limit, next to a loopback server that plays the buyer and base systems.
/// </summary>
public sealed class FeedFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ApiHost Base { get; set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    public FeedServer Server { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FeedServer.StartAsync();
        ConnectionString = await PostgresServer.CreateDatabaseAsync("feeds");
        Base = new ApiHost(ConnectionString, "feeds");
        Host = Base.WithWebHostBuilder(b => b
            .UseSetting("SupplyMatch:Feeds:Timeout", "00:00:01")
            .UseSetting("SupplyMatch:Feeds:Attempts", "3")
            .UseSetting("SupplyMatch:Feeds:RetryDelay", "00:00:00.050")
            .UseSetting("SupplyMatch:Feeds:MaxBodyBytes", "65536")
            .UseSetting("SupplyMatch:Feeds:Lease", "00:01:00"));
        _ = Host.Server;
        Planner = Client(await IssueKeyAsync(Roles.Planner, null));
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>
    /// Another instance of the service on this fixture's database, started: its own services (Data Protection included),
    /// content root and data folder, no Hangfire server (its jobs would go to the queue this fixture's server works).
    /// </summary>
    public ApiHost AnotherInstance(string name, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "supplymatch-api-tests", $"{name}-{Guid.NewGuid():N}")).FullName;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { [WebHostDefaults.ContentRootKey] = contentRoot };
        var host = new ApiHost(ConnectionString, name, runServer: false, settings: all);
        _ = host.Server;
        return host;
    }

    public HttpClient Client(string? apiKey)
    {
        var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async Task<string> IssueKeyAsync(string role, string? owner) =>
        (await Service<ApiKeyStore>().IssueAsync(role, owner, $"test {role} {owner}", Actor.System, null, CancellationToken.None)).Key;

    /// <summary>A new world of reference data with keys for its buyers and bases.</summary>
    public async Task<World> NewWorldAsync()
    {
        var world = new World(Guid.NewGuid().ToString("N")[..8]);
        foreach (var (route, body) in world.ReferenceBodies())
        {
            (await Planner.PostAsJsonAsync($"/api/v1/{route}", body)).EnsureSuccessStatusCode();
        }

        world.BuyerKeys = [await IssueKeyAsync(Roles.Buyer, world.BuyerIds[0]), await IssueKeyAsync(Roles.Buyer, world.BuyerIds[1])];
        world.BaseKeys = [await IssueKeyAsync(Roles.Base, world.BaseIds[0]), await IssueKeyAsync(Roles.Base, world.BaseIds[1])];
        return world;
    }

    /// <summary>Registers a feed through the API on a path of the loopback server; returns its id.</summary>
    public async Task<string> RegisterAsync(string kind, string owner, string path, string format = "csv", string mode = "snapshot",
        string? authName = null, string? authValue = null, bool enabled = true)
    {
        var response = await Planner.PostJsonAsync("/api/v1/feeds", new
        {
            kind, ownerId = owner, url = Server.Url(path), format, cron = "0 3 * * *", mode, authHeaderName = authName, authHeaderValue = authValue, enabled,
        });
        return (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    /// <summary>Pulls a feed now through the API (a Hangfire job) and waits for the run to finish.</summary>
    public async Task<JsonElement> PullAsync(string feedId)
    {
        var before = (await RunsAsync(feedId)).GetArrayLength();
        (await Planner.PostAsync($"/api/v1/feeds/{feedId}/pull", null)).EnsureSuccessStatusCode();
        var runs = await Http.EventuallyAsync(() => RunsAsync(feedId),
            r => r.GetArrayLength() > before && r[0].GetProperty("status").GetString() != "running", Timeout, $"a run of feed {feedId} to finish");
        return runs[0];
    }

    public async Task<JsonElement> RunsAsync(string feedId) => await (await Planner.GetAsync($"/api/v1/feeds/{feedId}/runs")).JsonAsync();

    public async Task<JsonElement> LinesAsync(string buyerKey) => (await (await Client(buyerKey).GetAsync("/api/v1/demand-lines?limit=1000")).JsonAsync()).GetProperty("items");

    /// <summary>A base's lots (up to 1,000), optionally of one status.</summary>
    public async Task<JsonElement> LotsAsync(string baseKey, string? status = null) =>
        (await (await Client(baseKey).GetAsync($"/api/v1/lots?limit=1000{(status is null ? "" : "&status=" + status)}")).ExpectAsync(System.Net.HttpStatusCode.OK)).GetProperty("items");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Base.DisposeAsync();
        await Server.DisposeAsync();
    }
}
