using System.Net;
using System.Security.Cryptography;
using System.Text;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>The service on the embedded default store with a job server of its own, so that its rounds are solved.</summary>
public sealed class SolvingEmbeddedApiFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new ApiHost(null, "export-embedded", runServer: true, queue: "export-embedded");
        Planner = Host.Client(await Host.IssueKeyAsync(Roles.Planner, null));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// A round's problem and whole result, served as the command line reads and writes them, so that a published round can be
/// re-checked by the independent feasibility checker (<c>supplymatch check snapshot.json result.json</c>) and solved again
/// offline. Each case runs on PostgreSQL and on the embedded store.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RoundExportTests(ApiFixture api, SolvingEmbeddedApiFixture embedded, EmbeddedApiFixture held)
    : IClassFixture<SolvingEmbeddedApiFixture>, IClassFixture<EmbeddedApiFixture>
{
    public const string Postgres = "postgres";
    public const string Embedded = "embedded";

    private static string Day(int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd");

    private async Task<(ApiHost Host, HttpClient Planner, World World)> ServiceAsync(string store) => store == Postgres
        ? (api.Host, api.Planner, await api.NewWorldAsync())
        : (embedded.Host, embedded.Planner, await embedded.Host.NewWorldAsync(embedded.Planner));

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task A_solved_rounds_snapshot_and_result_pass_the_independent_checker_and_solve_again_to_the_same_objective(string store)
    {
        var (host, planner, world) = await ServiceAsync(store);
        var cut = world.Line(1_200);
        (cut["earliest"], cut["latest"]) = (Day(5), Day(9));
        var cutId = (await (await host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", cut)).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString();
        await (await host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(3_000))).ExpectAsync(HttpStatusCode.Created);
        await (await host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(900, product: 1))).ExpectAsync(HttpStatusCode.Created);
        var late = world.Lot(4_000);
        (late["availableFrom"], late["availableTo"]) = (Day(2), Day(5));
        await (await host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(2_500))).ExpectAsync(HttpStatusCode.Created);
        await (await host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", late)).ExpectAsync(HttpStatusCode.Created);
        await (await host.Client(world.BaseKeys[1]).PostJsonAsync("/api/v1/lots", world.Lot(600, product: 1))).ExpectAsync(HttpStatusCode.Created);
        var created = await (await planner.PostJsonAsync("/api/v1/rounds", new { horizonFrom = Day(1), horizonTo = Day(6), settings = new { timeLimitSeconds = 10 } }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var id = created.GetProperty("id").GetGuid();
        var round = await Rounds.FinishedAsync(planner, id);
        Assert.Equal("solved", round.GetProperty("status").GetString());

        var snapshotResponse = await planner.GetAsync($"/api/v1/rounds/{id}/snapshot");
        Assert.Equal(HttpStatusCode.OK, snapshotResponse.StatusCode);
        Assert.Equal("application/json", snapshotResponse.Content.Headers.ContentType!.MediaType);
        var snapshotText = await snapshotResponse.Content.ReadAsStringAsync();
        var resultText = await (await planner.GetAsync($"/api/v1/rounds/{id}/result")).Content.ReadAsStringAsync();
        var kpis = await (await planner.GetAsync($"/api/v1/rounds/{id}/kpis")).ExpectAsync(HttpStatusCode.OK);
        var problem = ProblemJson.Deserialize(snapshotText);
        var result = MatchingJson.Deserialize(resultText);

        Assert.Equal(round.GetProperty("snapshotSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshotText))));
        Assert.Equal(round.GetProperty("lines").GetInt32(), problem.Lines.Count);
        var line = problem.Lines.Single(l => l.Id == cutId);
        Assert.Equal((Day(5), Day(6)), (line.Earliest.ToString("yyyy-MM-dd"), line.Latest.ToString("yyyy-MM-dd")));
        var report = FeasibilityChecker.Check(problem, result);
        Assert.True(report.Ok, string.Join("; ", report.Issues));
        Assert.NotEmpty(result.Allocations);
        Assert.Equal(kpis.GetProperty("objectiveCny").GetDecimal(), result.ObjectiveCny);
        Assert.Equal(kpis.GetProperty("kpis").GetProperty("allocatedKg").GetInt64(), result.Kpis.AllocatedKg);
        Assert.Equal(result.ObjectiveCny, Matcher.Solve(problem).ObjectiveCny);
    }

    [Theory]
    [InlineData(Postgres)]
    [InlineData(Embedded)]
    public async Task A_queued_round_has_its_snapshot_but_no_result_yet_and_an_unknown_round_has_neither(string store)
    {
        var (host, planner) = store == Postgres ? (api.Held, api.HeldPlanner) : (held.Host, held.Planner);
        var world = await host.NewWorldAsync(planner);
        await (await host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_000))).ExpectAsync(HttpStatusCode.Created);
        var id = (await (await planner.PostJsonAsync("/api/v1/rounds", world.Round())).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();

        var snapshot = ProblemJson.Deserialize(await (await planner.GetAsync($"/api/v1/rounds/{id}/snapshot")).Content.ReadAsStringAsync());
        await (await planner.GetAsync($"/api/v1/rounds/{id}/result")).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
        var unknown = Guid.NewGuid();
        await (await planner.GetAsync($"/api/v1/rounds/{unknown}/snapshot")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await planner.GetAsync($"/api/v1/rounds/{unknown}/result")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client(world.BuyerKeys[0]).GetAsync($"/api/v1/rounds/{id}/snapshot")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains(snapshot.Lines, l => l.BuyerId == world.BuyerIds[0]);
    }
}
