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
    public Task<World> NewWorldAsync() => Host.NewWorldAsync(Planner);

    /// <summary>A world with one line (buyer 0), one lot (base 0) and one queued round, shared by the table-driven tests.</summary>
    public Task<Shared> SharedAsync() => _shared ??= CreateSharedAsync();

    private Task<Shared>? _shared;

    private async Task<Shared> CreateSharedAsync()
    {
        var world = await NewWorldAsync();
        var line = await (await Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line())).JsonAsync();
        var lot = await (await Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot())).JsonAsync();
        var round = await (await HeldPlanner.PostJsonAsync("/api/v1/rounds", world.Round())).JsonAsync();
        return new Shared(world, line.GetProperty("id").GetString()!, lot.GetProperty("id").GetString()!, round.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// A second instance with its own Hangfire server on the same database, started on first use and stopped with the
    /// fixture (Hangfire keeps process-wide state, so servers are not stopped while others still run in this process).
    /// </summary>
    public ApiHost SecondServer => _second ??= StartSecond();

    private ApiHost? _second;

    private ApiHost StartSecond()
    {
        var host = new ApiHost(ConnectionString, "server-b");
        _ = host.Server;
        return host;
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await Held.DisposeAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>Ids of the shared world.</summary>
public sealed record Shared(World World, string LineId, string LotId, Guid RoundId)
{
    public string Fill(string path) => path
        .Replace("{product}", World.ProductCodes[0], StringComparison.Ordinal)
        .Replace("{city}", World.CityId, StringComparison.Ordinal)
        .Replace("{base}", World.BaseIds[0], StringComparison.Ordinal)
        .Replace("{buyer}", World.BuyerIds[0], StringComparison.Ordinal)
        .Replace("{vehicle}", World.VehicleId, StringComparison.Ordinal)
        .Replace("{line}", LineId, StringComparison.Ordinal)
        .Replace("{lot}", LotId, StringComparison.Ordinal)
        .Replace("{round}", RoundId.ToString(), StringComparison.Ordinal);
}
