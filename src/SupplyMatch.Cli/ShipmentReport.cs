using System.Text;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Cli.MatchReport;
using static SupplyMatch.Cli.Words;

namespace SupplyMatch.Cli;

/// <summary>The shipment and delivery-route sections of <c>match --logistics</c>.</summary>
internal static class ShipmentReport
{
    /// <summary>Lanes listed by cost.</summary>
    public const int TopLanes = 10;

    /// <summary>Unrouted deliveries listed one by one.</summary>
    public const int TopUnrouted = 10;

    /// <summary>How a line-haul truck's lane runs: from a base or an origin hub, to a buyer or a distribution centre.</summary>
    public static string LaneKind(Shipment s, IReadOnlySet<string> hubIds) =>
        (hubIds.Contains(s.OriginId), hubIds.Contains(s.DestinationId)) switch
        {
            (false, false) => "direct",
            (true, false) => "via hub",
            (false, true) => "via DC",
            _ => "via hub and DC",
        };

    public static void Shipments(StringBuilder text, MatchingProblem problem, IReadOnlyList<Shipment> shipments)
    {
        var hubIds = problem.Reference.Hubs.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var names = problem.Reference.VehicleTypes.ToDictionary(v => v.Id, v => $"{v.NameEn} {v.NameZh}", StringComparer.Ordinal);
        text.AppendLine().AppendLine("Shipments by vehicle type");
        Groups(text, shipments.GroupBy(s => s.VehicleTypeId), id => names.GetValueOrDefault(id));
        text.AppendLine().AppendLine("Shipments by lane kind (direct: base -> buyer; via hub: origin hub -> buyer; via DC: base -> centre;")
            .AppendLine("  via hub and DC: origin hub -> centre)");
        Groups(text, shipments.GroupBy(s => LaneKind(s, hubIds)), _ => null);
        var lanes = shipments.GroupBy(s => $"{s.OriginId} -> {s.DestinationId}").OrderByDescending(g => g.Sum(s => s.CostCny)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.AppendLine().AppendLine($"Top lanes by cost ({Math.Min(TopLanes, lanes.Count)} of {Count(lanes.Count, "lane")})");
        foreach (var g in lanes.Take(TopLanes))
        {
            text.AppendLine($"  {g.Key,-36}{Cny(g.Sum(s => s.CostCny)),20}   {Count(g.Count(), "truck")}, {Kg(g.Sum(s => (long)s.LoadKg))}, {FillOf(g)}, {Number(g.First().DistanceKm, 1)} km, {LaneKind(g.First(), hubIds)}");
        }
    }

    public static void Routes(StringBuilder text, LogisticsResult result)
    {
        if (result.Routing is null && result.Routes.Count == 0 && result.UnroutedDeliveries.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Delivery routes from distribution centres");
        if (result.Routing is { } k)
        {
            Row(text, "runs (centre, day)", Count(k.Runs), $"{Count(k.Routes, "route")}, {Count(k.Stops, "stop")}");
            Row(text, "routed", Kg(k.RoutedKg), $"average fill {Number(k.AverageFillPercent, 1)} %");
            Row(text, "km, CO2", Number(k.Km, 1), $"{Number(k.Co2Kg, 1)} kg CO2");
            Row(text, "cost", Cny(k.CostCny), $"planned at the per-kg tariff {Cny(k.PlannedCityDeliveryCny)}");
            Row(text, "unrouted", Kg(k.UnroutedKg), Count(k.UnroutedStops, "stop"));
        }

        foreach (var g in result.Routes.GroupBy(r => r.VehicleTypeId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var capacity = g.Sum(r => (long)r.CapacityKg);
            Row(text, "  " + g.Key, Count(g.Count(), "route"), $"{Count(g.Sum(r => r.Stops.Count), "stop")}, {Number(g.Sum(r => r.DistanceKm), 1)} km, {Cny(g.Sum(r => r.CostCny))}, fill {Percent(g.Sum(r => (long)r.LoadKg), capacity)}");
        }

        foreach (var g in result.UnroutedDeliveries.GroupBy(u => u.Reason).OrderBy(g => g.Key))
        {
            Row(text, "unrouted: " + Of(g.Key), Kg(g.Sum(u => (long)u.Kg)), Count(g.Count(), "stop"));
        }

        foreach (var u in result.UnroutedDeliveries.OrderByDescending(u => u.Kg).ThenBy(u => u.BuyerId, StringComparer.Ordinal).Take(TopUnrouted))
        {
            text.AppendLine($"  {u.DcId} {u.Day:yyyy-MM-dd} -> {u.BuyerId}: {Kg(u.Kg)}, {Of(u.Reason)}: {u.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static void Groups(StringBuilder text, IEnumerable<IGrouping<string, Shipment>> groups, Func<string, string?> describe)
    {
        var any = false;
        foreach (var g in groups.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            any = true;
            Row(text, g.Key, Count(g.Count(), "truck"), $"{Kg(g.Sum(s => (long)s.LoadKg))}, {FillOf(g)}, {Number(g.Sum(s => s.DistanceKm), 1)} km, {Cny(g.Sum(s => s.CostCny))}, {Count(g.Count(s => s.Refrigerated))} refrigerated", describe(g.Key) ?? string.Empty);
        }

        if (!any)
        {
            Row(text, "none", "0 trucks");
        }
    }

    private static string FillOf(IEnumerable<Shipment> shipments)
    {
        var list = shipments as IReadOnlyCollection<Shipment> ?? shipments.ToList();
        return "fill " + Percent(list.Sum(s => (long)s.LoadKg), list.Sum(s => (long)s.CapacityKg));
    }
}
