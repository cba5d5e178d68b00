using System.Net;
using System.Text.Json;
using Hangfire;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests.Infrastructure;

public static class Rounds
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool IsTerminal(string? status) => status is "solved" or "published" or "failed" or "cancelled";

    /// <summary>Creates a round through the API and returns its id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient planner, World world)
    {
        var response = await planner.PostJsonAsync("/api/v1/rounds", world.Round());
        var round = await response.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/rounds/{round.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        return round.GetProperty("id").GetGuid();
    }

    /// <summary>Polls the round until it is solved, published, failed or cancelled.</summary>
    public static Task<JsonElement> FinishedAsync(HttpClient planner, Guid id) =>
        Http.EventuallyAsync(async () => await (await planner.GetAsync($"/api/v1/rounds/{id}")).JsonAsync(),
            r => IsTerminal(r.GetProperty("status").GetString()), Timeout, $"round {id} to finish");

    /// <summary>Polls the Hangfire job until it has succeeded (its run is over).</summary>
    public static Task<string?> JobSucceededAsync(JobStorage storage, string jobId) =>
        Http.EventuallyAsync(() =>
        {
            using var connection = storage.GetConnection();
            return Task.FromResult(connection.GetStateData(jobId)?.Name);
        }, s => s == "Succeeded", Timeout, $"job {jobId} to succeed");

    public static async Task<long> AllocationRowsAsync(ApiHost host, Guid id)
    {
        await using var connection = await host.Service<Database>().OpenAsync(CancellationToken.None);
        await using var command = connection.Sql("SELECT COUNT(*) FROM round_allocations WHERE round_id = @id").With("id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
