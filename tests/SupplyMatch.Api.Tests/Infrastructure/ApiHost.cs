using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests.Infrastructure;

/// <summary>The real service in process (WebApplicationFactory) with configuration overrides.</summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <param name="postgres">Connection string, or null for the embedded default.</param>
    /// <param name="settings">Further settings, applied last.</param>
    public ApiHost(string? postgres, string serverName, bool runServer = true, string? appDataPath = null, bool seed = false, bool demoKeys = false, string queue = "default",
        bool demoRound = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres ?? "",
            ["SupplyMatch:AppDataPath"] = appDataPath ?? Path.Combine(Path.GetTempPath(), "supplymatch-api-tests", Guid.NewGuid().ToString("N")),
            ["SupplyMatch:SeedDemoData"] = seed ? "true" : "false",
            ["SupplyMatch:DemoKeys:Enabled"] = demoKeys ? "true" : "false",
            ["SupplyMatch:DemoRound"] = demoRound ? "true" : "false",
            ["SupplyMatch:Jobs:RunServer"] = runServer ? "true" : "false",
            ["SupplyMatch:Jobs:ServerName"] = serverName,
            ["SupplyMatch:Jobs:Queue"] = queue,
            ["SupplyMatch:Jobs:WorkerCount"] = "2",
            ["SupplyMatch:Jobs:PollInterval"] = "00:00:00.100",
            ["SupplyMatch:Jobs:RoundLease"] = "00:00:03",
            ["SupplyMatch:Jobs:RoundMaxAttempts"] = "3",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>An HTTP client sending the given API key (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Issues a key directly in the store (the bootstrap an operator does once).</summary>
    public async Task<string> IssueKeyAsync(string role, string? owner) =>
        (await Service<ApiKeyStore>().IssueAsync(role, owner, $"test {role} {owner}", Actor.System, null, CancellationToken.None)).Key;

    /// <summary>A new world posted by the planner: a city, two products, two bases, two buyers, a reefer, with keys for each buyer and base.</summary>
    public async Task<World> NewWorldAsync(HttpClient planner)
    {
        var world = new World(Guid.NewGuid().ToString("N")[..8]);
        foreach (var (route, body) in world.ReferenceBodies())
        {
            var response = await planner.PostAsJsonAsync($"/api/v1/{route}", body);
            response.EnsureSuccessStatusCode();
        }

        world.BuyerKeys = [await IssueKeyAsync(Roles.Buyer, world.BuyerIds[0]), await IssueKeyAsync(Roles.Buyer, world.BuyerIds[1])];
        world.BaseKeys = [await IssueKeyAsync(Roles.Base, world.BaseIds[0]), await IssueKeyAsync(Roles.Base, world.BaseIds[1])];
        return world;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
