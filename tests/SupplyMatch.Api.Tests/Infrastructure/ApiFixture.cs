using System.Net.Http.Json;
using SupplyMatch.Storage;
using SupplyMatch.Testing;

namespace SupplyMatch.Api.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>
/// One service on one PostgreSQL database for all API tests (Hangfire's storage is process-wide, so the hosts of a test
/// run share one database); each test creates its own world of reference data with unique ids.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public ApiHost Host { get; private set; } = null!;

    /// <summary>A second instance on the same database whose round jobs wait on a queue no server processes: rounds stay queued.</summary>
    public ApiHost Held { get; private set; } = null!;

    public HttpClient HeldPlanner { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public string PlannerKey { get; private set; } = "";

    public HttpClient Planner { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("api");
        Host = new ApiHost(ConnectionString, "server-a");
        _ = Host.Server;
        AdminKey = await Host.IssueKeyAsync(Roles.Admin, null);
        PlannerKey = await Host.IssueKeyAsync(Roles.Planner, null);
        Planner = Host.Client(PlannerKey);
        Anonymous = Host.Client(null);
        Held = new ApiHost(ConnectionString, "held", runServer: false, queue: "held");
        HeldPlanner = Held.Client(PlannerKey);
    }

    /// <summary>A new world: a city, two products, two bases, two buyers, a reefer, with keys for each buyer and base.</summary>
    public async Task<World> NewWorldAsync()
    {
        var world = new World(Guid.NewGuid().ToString("N")[..8]);
        foreach (var (route, body) in world.ReferenceBodies())
        {
            var response = await Planner.PostAsJsonAsync($"/api/v1/{route}", body);
            response.EnsureSuccessStatusCode();
        }

        world.BuyerKeys = [await Host.IssueKeyAsync(Roles.Buyer, world.BuyerIds[0]), await Host.IssueKeyAsync(Roles.Buyer, world.BuyerIds[1])];
        world.BaseKeys = [await Host.IssueKeyAsync(Roles.Base, world.BaseIds[0]), await Host.IssueKeyAsync(Roles.Base, world.BaseIds[1])];
        return world;
    }

    public async Task DisposeAsync()
    {
        await Held.DisposeAsync();
        await Host.DisposeAsync();
    }
}
