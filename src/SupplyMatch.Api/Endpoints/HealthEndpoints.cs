using System.Data.Common;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Problems;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>Health of the service.</summary>
public sealed record HealthView(string Status, string? Database = null, int? JobServers = null);

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/", () => TypedResults.Ok(new HealthView("healthy")))
            .WithName("Liveness").WithSummary("Liveness").WithDescription("200 while the process serves requests.");
        group.MapGet("/ready", ReadyAsync)
            .WithName("Readiness").WithSummary("Readiness").WithDescription("200 when the database and the Hangfire storage answer; 503 otherwise.")
            .ProducesProblem(503);
    }

    private static async Task<Results<Ok<HealthView>, ProblemHttpResult>> ReadyAsync(Database database, JobStorage jobs, CancellationToken ct)
    {
        try
        {
            await using (var connection = await database.OpenAsync(ct))
            await using (var command = connection.Sql("SELECT 1"))
            {
                await command.ExecuteScalarAsync(ct);
            }

            var servers = jobs.GetMonitoringApi().Servers().Count;
            return TypedResults.Ok(new HealthView("ready", database.Kind.ToString(), servers));
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return Problem.Of(503, "not_ready", "Not ready", "The database or the job storage does not answer.");
        }
    }
}
