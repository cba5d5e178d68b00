using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Storage;

/// <summary>Filters of a round's shipments; null means any.</summary>
/// <param name="BaseId">Shipments carrying a lot of this base.</param>
/// <param name="BuyerId">Shipments carrying goods for a line of this buyer.</param>
/// <param name="Day">Ship day (CST).</param>
public sealed record ShipmentFilter(
    string? BaseId = null, string? BuyerId = null, string? OriginId = null, string? DestinationId = null, string? ProductCode = null,
    DateOnly? Day = null, string? VehicleTypeId = null);

/// <summary>Filters of a round's delivery routes (and unrouted deliveries); null means any.</summary>
/// <param name="BuyerId">Routes with a stop at this buyer.</param>
public sealed record RouteFilter(string? DcId = null, DateOnly? Day = null, string? BuyerId = null);

/// <summary>How a delivery reaches its buyer.</summary>
public enum DeliveryLeg
{
    /// <summary>On the line-haul truck, straight to the buyer.</summary>
    Direct,

    /// <summary>From a distribution centre on a city delivery route.</summary>
    Routed,

    /// <summary>
    /// From a distribution centre, part of it on a city delivery route and the rest on no route (a vehicle's capacity or a
    /// receiving window left it off); the unrouted kg have no planned arrival.
    /// </summary>
    PartlyRouted,

    /// <summary>From a distribution centre, but no route could carry it (see the unrouted deliveries).</summary>
    Unrouted,

    /// <summary>From a distribution centre; deliveries were not routed in this plan.</summary>
    NotRouted,
}

/// <summary>A delivery of the plan with the route that carries it and the expected arrival.</summary>
/// <param name="RouteId">
/// The city delivery route, when <paramref name="Leg"/> is routed; when the line's goods ride on several routes (a buyer
/// with more kg than a vehicle holds), the route that arrives last.
/// </param>
/// <param name="StopSequence">The buyer's position on that route (1-based).</param>
/// <param name="EtaUtc">
/// Arrival at the buyer: of that route at the stop (of its routed kg only, when partly routed), or of the last line-haul
/// truck carrying this delivery (the trucks of its allocations' lane and lane day; a truck carrying the line's goods for
/// another day does not count).
/// </param>
/// <param name="RoutedKg">
/// Of <paramref name="Kg"/>, the kg on city delivery routes; with <paramref name="UnroutedKg"/> it adds up to
/// <paramref name="Kg"/>. Null when the delivery does not leave a distribution centre on a routed day (direct, not routed).
/// A buyer's kg at a centre on a day are routed together, not line by line: when the buyer has several lines there and part
/// of its kg is left off the routes, each line carries its share of the unrouted kg in proportion to its kg (rounded so
/// that the lines add up to the unrouted deliveries).
/// </param>
/// <param name="UnroutedKg">Of <paramref name="Kg"/>, the kg on no route (listed in the unrouted deliveries); null as for <paramref name="RoutedKg"/>.</param>
/// <param name="UnroutedReason">Why those kg are on no route (of the largest unrouted part); null when none are.</param>
public sealed record PlannedDelivery(
    string BuyerId, string LineId, string ProductCode, DateOnly DeliveryDay, int Kg, string? DcId, DeliveryLeg Leg, string? RouteId,
    int? StopSequence, DateTimeOffset? EtaUtc, int? RoutedKg = null, int? UnroutedKg = null, UnroutedReason? UnroutedReason = null);

/// <summary>Filtering of a logistics plan's rows, in the plan's order.</summary>
public static class LogisticsQueries
{
    public static IEnumerable<Shipment> Shipments(LogisticsResult plan, ShipmentFilter f)
    {
        var baseOfLot = plan.Allocations.GroupBy(a => a.LotId).ToDictionary(g => g.Key, g => g.First().BaseId, StringComparer.Ordinal);
        var buyerOfLine = plan.Allocations.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.First().BuyerId, StringComparer.Ordinal);
        return plan.Shipments.Where(s =>
            (f.OriginId is null || s.OriginId == f.OriginId)
            && (f.DestinationId is null || s.DestinationId == f.DestinationId)
            && (f.Day is null || s.ShipDay == f.Day)
            && (f.VehicleTypeId is null || s.VehicleTypeId == f.VehicleTypeId)
            && (f.ProductCode is null || s.ByProduct.Any(p => p.ProductCode == f.ProductCode))
            && (f.BaseId is null || s.Loads.Any(l => baseOfLot.GetValueOrDefault(l.LotId) == f.BaseId))
            && (f.BuyerId is null || s.Loads.Any(l => buyerOfLine.GetValueOrDefault(l.LineId) == f.BuyerId)));
    }

    public static IEnumerable<DeliveryRoute> Routes(LogisticsResult plan, RouteFilter f) =>
        plan.Routes.Where(r =>
            (f.DcId is null || r.DcId == f.DcId)
            && (f.Day is null || r.Day == f.Day)
            && (f.BuyerId is null || r.Stops.Any(s => s.BuyerId == f.BuyerId)));

    public static IEnumerable<UnroutedDelivery> Unrouted(LogisticsResult plan, RouteFilter f) =>
        plan.UnroutedDeliveries.Where(u =>
            (f.DcId is null || u.DcId == f.DcId) && (f.Day is null || u.Day == f.Day) && (f.BuyerId is null || u.BuyerId == f.BuyerId));

    public static IEnumerable<Pickup> Pickups(LogisticsResult plan, string? baseId, DateOnly? day) =>
        plan.Pickups.Where(p => (baseId is null || p.BaseId == baseId) && (day is null || p.ShipDay == day));

    /// <summary>The plan's deliveries, each placed on its route (or truck) with its expected arrival.</summary>
    public static IEnumerable<PlannedDelivery> Deliveries(LogisticsResult plan, string? buyerId, DateOnly? day)
    {
        // Only the deliveries asked for are placed: a buyer's own deliveries need neither the other buyers' trucks nor their
        // stops. The filters keep whole (centre, day, buyer) groups, so each line's share of its group's unrouted kg is the same.
        var selected = plan.Deliveries.Where(d => (buyerId is null || d.BuyerId == buyerId) && (day is null || d.DeliveryDay == day)).ToList();
        var direct = DirectArrivals(plan, selected.Where(d => d.DcId is null).Select(d => (d.LineId, d.DeliveryDay)).ToHashSet());
        // Stops by (centre, day, buyer): a buyer with more kg than a vehicle holds is visited by several routes.
        var stops = plan.Routes
            .Where(r => day is null || r.Day == day)
            .SelectMany(r => r.Stops.Where(s => buyerId is null || s.BuyerId == buyerId).Select(s => (Route: r, Stop: s)))
            .ToLookup(x => (x.Route.DcId, x.Route.Day, x.Stop.BuyerId));
        var unrouted = plan.UnroutedDeliveries.Where(u => (buyerId is null || u.BuyerId == buyerId) && (day is null || u.Day == day))
            .ToLookup(u => (u.DcId, u.Day, u.BuyerId));
        var unroutedKg = UnroutedShares(selected, unrouted);
        return selected.Select(d => Place(d, direct, stops, unrouted, unroutedKg));
    }

    /// <summary>
    /// The unrouted kg of each centre delivery (line, centre, day). The routes and the unrouted deliveries carry a buyer's kg
    /// at a centre on a day together (with the ids of all its lines there): a buyer with a single line has exactly the
    /// unrouted kg; several lines share them in proportion to their kg, largest remainders first, so that they add up.
    /// </summary>
    private static Dictionary<(string LineId, string DcId, DateOnly Day), int> UnroutedShares(
        List<Delivery> deliveries, ILookup<(string, DateOnly, string), UnroutedDelivery> unrouted)
    {
        var shares = new Dictionary<(string, string, DateOnly), int>();
        foreach (var group in deliveries.Where(d => d.DcId is not null).GroupBy(d => (DcId: d.DcId!, d.DeliveryDay, d.BuyerId)))
        {
            var parts = unrouted[(group.Key.DcId, group.Key.DeliveryDay, group.Key.BuyerId)].ToList();
            var lines = group.Where(d => parts.Any(u => u.LineIds.Contains(d.LineId))).ToList();
            var total = lines.Sum(d => (long)d.Kg);
            if (parts.Count == 0 || total == 0)
            {
                continue;
            }

            var off = Math.Min(parts.Sum(u => (long)u.Kg), total);
            var exact = lines.Select(d => (Line: d, Floor: (int)(off * d.Kg / total), Remainder: off * d.Kg % total)).ToList();
            var left = off - exact.Sum(x => (long)x.Floor);
            foreach (var (x, i) in exact.Select((x, i) => (x, i)).OrderByDescending(y => y.x.Remainder).ThenBy(y => y.i))
            {
                var extra = left-- > 0 ? 1 : 0;
                shares[(x.Line.LineId, group.Key.DcId, group.Key.DeliveryDay)] = x.Floor + extra;
            }
        }

        return shares;
    }

    /// <summary>
    /// When the goods of each (line, delivery day) straight from a line-haul truck arrive: the latest arrival of the trucks
    /// that carry that delivery's allocations (their lot and line, on their lane and lane day). A line delivered on several
    /// days is carried by other trucks on each, so a truck is never counted for a day its goods are not delivered on.
    /// </summary>
    private static Dictionary<(string LineId, DateOnly Day), DateTimeOffset> DirectArrivals(LogisticsResult plan, HashSet<(string LineId, DateOnly Day)> wanted)
    {
        var arrivals = new Dictionary<(string, DateOnly), DateTimeOffset>();
        if (wanted.Count == 0)
        {
            return arrivals;
        }

        var lines = wanted.Select(w => w.LineId).ToHashSet(StringComparer.Ordinal);
        var trucks = plan.Shipments
            .SelectMany(s => s.Loads.Where(l => lines.Contains(l.LineId)).Select(l => (Key: (s.OriginId, s.DestinationId, s.ShipDay, l.LotId, l.LineId), s.ArrivalUtc)))
            .ToLookup(x => x.Key, x => x.ArrivalUtc);
        foreach (var a in plan.Allocations.Where(a => a.DcId is null && wanted.Contains((a.LineId, a.DeliveryDay))))
        {
            foreach (var arrival in trucks[(a.LaneOriginId, a.LaneDestinationId, a.LaneDay, a.LotId, a.LineId)])
            {
                var key = (a.LineId, a.DeliveryDay);
                if (!arrivals.TryGetValue(key, out var latest) || arrival > latest)
                {
                    arrivals[key] = arrival;
                }
            }
        }

        return arrivals;
    }

    private static PlannedDelivery Place(
        Delivery d, Dictionary<(string, DateOnly), DateTimeOffset> direct, ILookup<(string, DateOnly, string), (DeliveryRoute Route, RouteStop Stop)> stops,
        ILookup<(string, DateOnly, string), UnroutedDelivery> unrouted, Dictionary<(string, string, DateOnly), int> unroutedKg)
    {
        if (d.DcId is null)
        {
            return Delivery(d, DeliveryLeg.Direct, null, null, direct.TryGetValue((d.LineId, d.DeliveryDay), out var eta) ? eta : null);
        }

        // The line's goods may ride on several routes: the routed kg arrive complete at the last of those stops.
        var last = stops[(d.DcId, d.DeliveryDay, d.BuyerId)]
            .Where(x => x.Stop.LineIds.Contains(d.LineId))
            .OrderByDescending(x => x.Stop.ArrivalUtc)
            .FirstOrDefault();
        var off = unroutedKg.GetValueOrDefault((d.LineId, d.DcId, d.DeliveryDay));
        var parts = unrouted[(d.DcId, d.DeliveryDay, d.BuyerId)].Where(u => u.LineIds.Contains(d.LineId)).ToList();
        // Of the unrouted parts (a buyer's kg may be split over several), the reason of the largest.
        UnroutedReason? reason = parts.Count == 0 ? null : parts.OrderByDescending(u => u.Kg).First().Reason;
        if (last.Route is not null)
        {
            // Part of the line may have been left off the routes (the rest of the buyer's kg no vehicle or window could take).
            return off > 0
                ? Delivery(d, DeliveryLeg.PartlyRouted, last.Route.Id, last.Stop.Sequence, last.Stop.ArrivalUtc, d.Kg - off, off, reason)
                : Delivery(d, DeliveryLeg.Routed, last.Route.Id, last.Stop.Sequence, last.Stop.ArrivalUtc, d.Kg, 0, null);
        }

        return parts.Count > 0
            ? Delivery(d, DeliveryLeg.Unrouted, null, null, null, 0, d.Kg, reason)
            : Delivery(d, DeliveryLeg.NotRouted, null, null, null);
    }

    private static PlannedDelivery Delivery(
        Delivery d, DeliveryLeg leg, string? routeId, int? sequence, DateTimeOffset? eta, int? routedKg = null, int? unroutedKg = null,
        UnroutedReason? reason = null) =>
        new(d.BuyerId, d.LineId, d.ProductCode, d.DeliveryDay, d.Kg, d.DcId, leg, routeId, sequence, eta, routedKg, unroutedKg, reason);

}
