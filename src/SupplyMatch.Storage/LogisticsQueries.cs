using SupplyMatch.Core.Logistics;

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

    /// <summary>From a distribution centre, but no route could carry it (see the unrouted deliveries).</summary>
    Unrouted,

    /// <summary>From a distribution centre; deliveries were not routed in this plan.</summary>
    NotRouted,
}

/// <summary>A delivery of the plan with the route that carries it and the expected arrival.</summary>
/// <param name="RouteId">The city delivery route, when <paramref name="Leg"/> is routed.</param>
/// <param name="StopSequence">The buyer's position on that route (1-based).</param>
/// <param name="EtaUtc">Arrival at the buyer: of the route at the stop, or of the last direct truck carrying the line that day.</param>
public sealed record PlannedDelivery(
    string BuyerId, string LineId, string ProductCode, DateOnly DeliveryDay, int Kg, string? DcId, DeliveryLeg Leg, string? RouteId,
    int? StopSequence, DateTimeOffset? EtaUtc);

/// <summary>Filtering of a logistics plan's rows, in the plan's order.</summary>
public static class LogisticsQueries
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

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
    public static IEnumerable<PlannedDelivery> Deliveries(LogisticsResult plan, string? buyerId, DateOnly? day) =>
        plan.Deliveries.Where(d => (buyerId is null || d.BuyerId == buyerId) && (day is null || d.DeliveryDay == day)).Select(d => Place(plan, d));

    private static PlannedDelivery Place(LogisticsResult plan, Delivery d)
    {
        if (d.DcId is null)
        {
            var arrivals = plan.Shipments
                .Where(s => s.DestinationId == d.BuyerId && s.Loads.Any(l => l.LineId == d.LineId) && CstDay(s.ArrivalUtc) <= d.DeliveryDay)
                .Select(s => (DateTimeOffset?)s.ArrivalUtc).ToList();
            return Delivery(d, DeliveryLeg.Direct, null, null, arrivals.Max());
        }

        var onRoute = plan.Routes
            .Where(r => r.DcId == d.DcId && r.Day == d.DeliveryDay)
            .SelectMany(r => r.Stops.Where(s => s.BuyerId == d.BuyerId && s.LineIds.Contains(d.LineId)).Select(s => (Route: r, Stop: s)))
            .FirstOrDefault();
        if (onRoute.Route is not null)
        {
            return Delivery(d, DeliveryLeg.Routed, onRoute.Route.Id, onRoute.Stop.Sequence, onRoute.Stop.ArrivalUtc);
        }

        var unrouted = plan.UnroutedDeliveries.Any(u => u.DcId == d.DcId && u.Day == d.DeliveryDay && u.BuyerId == d.BuyerId && u.LineIds.Contains(d.LineId));
        return Delivery(d, unrouted ? DeliveryLeg.Unrouted : DeliveryLeg.NotRouted, null, null, null);
    }

    private static PlannedDelivery Delivery(Delivery d, DeliveryLeg leg, string? routeId, int? sequence, DateTimeOffset? eta) =>
        new(d.BuyerId, d.LineId, d.ProductCode, d.DeliveryDay, d.Kg, d.DcId, leg, routeId, sequence, eta);

    private static DateOnly CstDay(DateTimeOffset utc) => DateOnly.FromDateTime(utc.ToOffset(Cst).DateTime);
}
