using System.Text.Json;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Cli;

/// <summary>Recognising a logistics plan file (read and written by <see cref="MatchingJson"/>) and what it lacks.</summary>
internal static class LogisticsJson
{
    /// <summary>The property only a logistics result has.</summary>
    public const string Marker = "shipments";

    /// <summary>True when the JSON text is an object with a <c>shipments</c> property (a logistics plan).</summary>
    public static bool IsLogistics(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(Marker, out _);
    }

    /// <summary>Parts the checker needs that the file left out (deserialisation leaves them null).</summary>
    public static List<string> MissingParts(LogisticsResult result)
    {
        var parts = new (string Name, object? Value)[]
        {
            ("objective", result.Objective), ("allocations", result.Allocations), ("shipments", result.Shipments),
            ("pickups", result.Pickups), ("deliveries", result.Deliveries), ("deliveryRuns", result.DeliveryRuns),
            ("unmet", result.Unmet), ("kpis", result.Kpis), ("statistics", result.Statistics),
            ("routes", result.Routes), ("unroutedDeliveries", result.UnroutedDeliveries),
        };
        return parts.Where(p => p.Value is null).Select(p => p.Name).ToList();
    }
}
