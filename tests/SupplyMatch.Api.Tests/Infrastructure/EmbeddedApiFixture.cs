using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests.Infrastructure;

/// <summary>
/// The service on the embedded default store (SQLite, no PostgreSQL) for a test class that runs its cases on both stores.
/// It runs no job server, so its rounds stay queued (and hold their lines, as a round past its cutoff does).
/// </summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new ApiHost(null, "embedded-store", runServer: false, queue: "embedded-store");
        Planner = Host.Client(await Host.IssueKeyAsync(Roles.Planner, null));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
