using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>Loads a whole scenario (reference data, lots, open lines) into an empty store in one transaction.</summary>
public sealed class ScenarioImporter(Database database, ReferenceDataStore reference, TimeProvider clock)
{
    public async Task ImportAsync(MatchingProblem problem, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await reference.ImportAsync(connection, tx, problem.Reference, ct);
        await ForecastStore.InsertAsync(connection, tx, problem.Lots, actor.KeyId, now, ct);
        await DemandStore.InsertAsync(connection, tx, problem.Lines, now, ct);
        var detail = System.Text.Json.JsonSerializer.Serialize(new { lots = problem.Lots.Count, lines = problem.Lines.Count });
        await AuditStore.AppendAsync(connection, tx, actor, now, "import", "scenario", "demo", detail, ct);
        await tx.CommitAsync(ct);
    }
}
