using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Logistics;

/// <summary>Allocations, pickups, deliveries and city delivery runs of a plan, in a stable order.</summary>
internal sealed class FlowRecords(LogisticsNetwork network, PlanState state, LogisticsSettings settings)
{
    private readonly Matching.ProblemIndex _index = network.Index;

    private IEnumerable<(PathArc Arc, int Kg)> Used =>
        Enumerable.Range(0, state.Flow.Length).Where(a => state.Flow[a] > 0).Select(a => (state.Candidates.Arcs[a], state.Flow[a]));

    public List<LogisticsAllocation> Allocations() =>
        Used.Select(u => Allocation(u.Arc, u.Kg))
            .OrderBy(a => a.LineId, StringComparer.Ordinal).ThenBy(a => a.LotId, StringComparer.Ordinal).ThenBy(a => a.Path).ThenBy(a => a.ShipDay)
            .ToList();

    public List<Pickup> Pickups() =>
        Used.GroupBy(u => (u.Arc.Lot, u.Arc.ShipDay, Feeder: u.Arc.Path is PathKind.ViaHub or PathKind.ViaHubDc, u.Arc.Origin, u.Arc.Destination))
            .Select(g =>
            {
                var lot = _index.Lots[g.Key.Lot];
                var minute = g.Key.Feeder ? network.PickupMinute : network.DispatchMinute;
                var to = g.Key.Feeder ? network.OriginId(g.Key.Origin) : network.DestinationId(g.Key.Destination);
                return new Pickup(lot.BaseId, lot.Id, lot.ProductCode, DateOnly.FromDayNumber(g.Key.ShipDay), ShipmentBuilder.CstToUtc(g.Key.ShipDay, minute),
                    g.Sum(u => u.Kg), g.Key.Feeder ? PickupMode.Feeder : PickupMode.Truck, to);
            })
            .OrderBy(p => p.BaseId, StringComparer.Ordinal).ThenBy(p => p.ShipDay).ThenBy(p => p.LotId, StringComparer.Ordinal).ThenBy(p => p.ToId, StringComparer.Ordinal)
            .ToList();

    public List<Delivery> Deliveries() =>
        Used.GroupBy(u => (u.Arc.Line, u.Arc.DeliveryDay, Dc: DcOf(u.Arc)))
            .Select(g =>
            {
                var line = _index.Lines[g.Key.Line];
                return new Delivery(line.BuyerId, line.Id, line.ProductCode, DateOnly.FromDayNumber(g.Key.DeliveryDay), g.Sum(u => u.Kg), g.Key.Dc);
            })
            .OrderBy(d => d.BuyerId, StringComparer.Ordinal).ThenBy(d => d.DeliveryDay).ThenBy(d => d.LineId, StringComparer.Ordinal).ThenBy(d => d.DcId, StringComparer.Ordinal)
            .ToList();

    /// <summary>One routing input per (distribution centre, delivery day): the buyers to visit with their kg and windows.</summary>
    public List<DeliveryRun> DeliveryRuns()
    {
        // As the city leg's tariff: the types within the urban limit, or every eligible type when none is that small.
        var local = Within(network.Legs.Eligible(cold: false, settings.LocalMaxCapacityKg), network.Legs.Eligible(cold: false));
        var localCold = Within(network.Legs.Eligible(cold: true, settings.LocalMaxCapacityKg), network.Legs.Eligible(cold: true));
        return Used.Where(u => DcOf(u.Arc) is not null)
            .GroupBy(u => (Dc: u.Arc.Destination - _index.Buyers.Length, u.Arc.DeliveryDay))
            .OrderBy(g => network.Dcs[g.Key.Dc].Id, StringComparer.Ordinal).ThenBy(g => g.Key.DeliveryDay)
            .Select(g =>
            {
                var dc = network.Dcs[g.Key.Dc];
                var stops = g.GroupBy(u => _index.LineBuyer[u.Arc.Line]).OrderBy(s => _index.Buyers[s.Key].Id, StringComparer.Ordinal).Select(Stop).ToList();
                var vehicles = (stops.Any(s => s.ColdKg > 0) ? localCold : local).Select(v => network.Legs.Vehicles[v].Id).ToList();
                return new DeliveryRun(dc.Id, dc.Location, DateOnly.FromDayNumber(g.Key.DeliveryDay), stops.Sum(s => s.Kg), vehicles, stops);
            })
            .ToList();
    }

    private static int[] Within(int[] limited, int[] all) => limited.Length > 0 ? limited : all;

    private DeliveryStop Stop(IGrouping<int, (PathArc Arc, int Kg)> group)
    {
        var buyer = _index.Buyers[group.Key];
        var kg = group.Sum(u => u.Kg);
        var ready = group.Max(u =>
        {
            var lane = network.Lane(u.Arc.Origin, u.Arc.Destination, u.Arc.StorageClass != 0);
            var dcHandling = network.Local(group.Key, u.Arc.StorageClass != 0).HandlingMinutes;
            return ShipmentBuilder.CstToUtc(u.Arc.LaneDay, network.DispatchMinute + lane.DriveMinutes + network.HaulHandlingMinutes + dcHandling);
        });
        var service = settings.ServiceMinutes + (int)Math.Ceiling(settings.ServiceMinutesPerTonne * kg / 1000.0);
        return new DeliveryStop(buyer.Id, buyer.Location, kg, group.Where(u => u.Arc.StorageClass != 0).Sum(u => u.Kg),
            buyer.ReceiveFrom, buyer.ReceiveTo, service, ready,
            group.Select(u => _index.Lines[u.Arc.Line].Id).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    private string? DcOf(in PathArc arc) =>
        arc.Path is PathKind.ViaDc or PathKind.ViaHubDc ? network.DestinationId(arc.Destination) : null;

    private LogisticsAllocation Allocation(in PathArc arc, int kg)
    {
        var lot = _index.Lots[arc.Lot];
        var line = _index.Lines[arc.Line];
        var hub = arc.Path is PathKind.ViaHub or PathKind.ViaHubDc ? network.OriginId(arc.Origin) : null;
        return new LogisticsAllocation(
            lot.Id, line.Id, lot.BaseId, line.BuyerId, lot.ProductCode, kg, arc.Path, hub, DcOf(arc),
            network.OriginId(arc.Origin), network.DestinationId(arc.Destination),
            DateOnly.FromDayNumber(arc.ShipDay), DateOnly.FromDayNumber(arc.LaneDay), DateOnly.FromDayNumber(arc.DeliveryDay), arc.FreshnessPercent,
            Money.ToCny(arc.ExFarmFen), Money.ToCny(arc.BonusFen), Money.ToCny(arc.FeederFen), Money.ToCny(arc.HubFen), Money.ToCny(arc.DcFen),
            Money.ToCny(arc.LocalFen), Money.ToCny(arc.QuotedTariffFen));
    }
}
