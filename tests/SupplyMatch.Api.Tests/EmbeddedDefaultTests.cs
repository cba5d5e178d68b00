using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>The embedded default (no PostgreSQL configured): SQLite store and SQLite Hangfire storage in a data folder.</summary>
[Collection(ApiCollection.Name)]
public sealed class EmbeddedDefaultTests(ApiFixture api)
{
    [Fact]
    public async Task Without_a_connection_string_the_service_runs_on_a_sqlite_file_and_keeps_submitted_lines_and_rounds_across_a_restart()
    {
        _ = api;
        var folder = Path.Combine(Path.GetTempPath(), "supplymatch-embedded", Guid.NewGuid().ToString("N"));
        string planner, buyer, lineId;
        Guid roundId;
        World world;
        await using (var first = new ApiHost(null, "embedded-1", runServer: false, appDataPath: folder, queue: "embedded"))
        {
            var ready = await (await first.Client(null).GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("Sqlite", ready.GetProperty("database").GetString());
            planner = await first.IssueKeyAsync(Roles.Planner, null);
            world = new World(Guid.NewGuid().ToString("N")[..8]);
            foreach (var (route, body) in world.ReferenceBodies())
            {
                await (await first.Client(planner).PostJsonAsync($"/api/v1/{route}", body)).ExpectAsync(HttpStatusCode.Created);
            }

            buyer = await first.IssueKeyAsync(Roles.Buyer, world.BuyerIds[0]);
            var line = await (await first.Client(buyer).PostJsonAsync("/api/v1/demand-lines", world.Line(1_234))).ExpectAsync(HttpStatusCode.Created);
            lineId = line.GetProperty("id").GetString()!;
            roundId = await Rounds.CreateAsync(first.Client(planner), world);
        }

        Assert.True(File.Exists(Path.Combine(folder, "supplymatch.db")));
        Assert.True(File.Exists(Path.Combine(folder, "hangfire.db")));
        await using var second = new ApiHost(null, "embedded-2", runServer: true, appDataPath: folder, queue: "embedded");
        var kept = await (await second.Client(buyer).GetAsync($"/api/v1/demand-lines/{lineId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1_234, kept.GetProperty("quantityKg").GetInt32());
        var round = await Rounds.FinishedAsync(second.Client(planner), roundId);
        Assert.Equal(1, round.GetProperty("attempts").GetInt32());
        Assert.StartsWith("embedded-2:", round.GetProperty("worker").GetString(), StringComparison.Ordinal);
    }
}
