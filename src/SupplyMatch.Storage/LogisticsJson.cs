using System.Text.Json;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>What <c>GET /rounds/{id}/logistics</c> serves: the plan without its rows.</summary>
/// <param name="Policy">The round's policy targets as the plan meets them: reported, not part of its objective (empty without targets; null for plans stored before it was kept).</param>
public sealed record LogisticsSummary(
    SolveStatus Status, decimal ObjectiveCny, ObjectiveBreakdown Objective, LogisticsKpis Kpis, RoutingKpis? Routing, LogisticsStatistics Statistics,
    IReadOnlyList<PolicyOutcome>? Policy)
{
    public static LogisticsSummary Of(LogisticsResult r) => new(r.Status, r.ObjectiveCny, r.Objective, r.Kpis, r.Routing, r.Statistics, r.Policy);
}

/// <summary>JSON of the logistics round parameter: the options of Core (camelCase, enums as camelCase strings). Plans: <see cref="MatchingJson"/>.</summary>
public static class LogisticsJson
{
    /// <summary>The stored form of a round's parameter: null unless logistics is enabled.</summary>
    public static string? Parameter(RoundLogistics? logistics) =>
        logistics is { Enabled: true } ? JsonSerializer.Serialize(logistics, MatchingJson.Options) : null;

    public static RoundLogistics? Parameter(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<RoundLogistics>(json, MatchingJson.Options);
}
