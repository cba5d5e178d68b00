using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Turns each loaded bin into trucks: the cheapest cover of its load, largest vehicles first, loaded first-fit
/// decreasing by (lot, line) portions; a portion that fits no truck whole is split over the trucks in order.
/// </summary>
internal static class ShipmentBuilder
{
    public static List<Shipment> Build(LogisticsNetwork network, PlanState state)
    {
        var shipments = new List<Shipment>();
        for (var b = 0; b < state.BinLoad.Length; b++)
        {
            if (state.BinLoad[b] > 0)
            {
                shipments.AddRange(BinTrucks(network, state, b));
            }
        }

        return shipments;
    }

    /// <summary>Departure of a line-haul truck: the dispatch hour (CST) of the lane day, in UTC.</summary>
    public static DateTimeOffset CstToUtc(int dayNumber, int minuteOfDay) =>
        new DateTimeOffset(DateOnly.FromDayNumber(dayNumber).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).AddMinutes(minuteOfDay).ToUniversalTime();

    private static IEnumerable<Shipment> BinTrucks(LogisticsNetwork network, PlanState state, int b)
    {
        var bin = state.Candidates.Bins[b];
        var (trucks, loads) = Load(network, state, b);
        var leg = network.Lane(bin.Origin, bin.Destination, bin.StorageClass != 0);
        var departure = CstToUtc(bin.Day, network.DispatchMinute);
        var arrival = departure.AddMinutes(leg.DriveMinutes + network.HaulHandlingMinutes);
        var prefix = $"SH-{network.OriginId(bin.Origin)}-{network.DestinationId(bin.Destination)}-{DateOnly.FromDayNumber(bin.Day):yyyyMMdd}-{(StorageClass)bin.StorageClass}".ToUpperInvariant();
        for (var t = 0; t < trucks.Length; t++)
        {
            var vehicle = network.Legs.Vehicles[bin.Cover.Vehicles[trucks[t]]];
            var load = loads[t].Sum(l => l.Kg);
            var km = bin.DistanceDm / 10.0;
            yield return new Shipment(
                $"{prefix}-{t + 1:D2}", vehicle.Id, vehicle.Refrigerated, (StorageClass)bin.StorageClass,
                network.OriginId(bin.Origin), network.DestinationId(bin.Destination), DateOnly.FromDayNumber(bin.Day), departure, arrival,
                km, vehicle.CapacityKg, load, Math.Round(100.0 * load / vehicle.CapacityKg, 2), Money.ToCny(bin.Cover.Cost(trucks[t])),
                Math.Round(km * Emissions.KgCo2PerKm(vehicle), 3),
                loads[t].GroupBy(l => l.ProductCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new ProductLoad(g.Key, g.Sum(l => l.Kg))).ToList(),
                loads[t].OrderBy(l => l.LotId, StringComparer.Ordinal).ThenBy(l => l.LineId, StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>The bin's trucks (cover slots, largest first) and what each carries.</summary>
    private static (int[] Trucks, List<ShipmentLoad>[] Loads) Load(LogisticsNetwork network, PlanState state, int b)
    {
        var index = network.Index;
        var cover = state.Candidates.Bins[b].Cover;
        var (_, count) = cover.Cover(state.BinLoad[b]);
        var trucks = Enumerable.Range(0, count.Length).SelectMany(slot => Enumerable.Repeat(slot, count[slot]))
            .OrderByDescending(slot => cover.Capacities[slot]).ThenBy(slot => slot).ToArray();
        var loads = trucks.Select(_ => new List<ShipmentLoad>()).ToArray();
        var room = trucks.Select(slot => (long)cover.Capacities[slot]).ToArray();
        var portions = state.BinArcs[b].Where(a => state.Flow[a] > 0)
            .Select(a => (Arc: state.Candidates.Arcs[a], Kg: state.Flow[a]))
            .OrderByDescending(p => p.Kg).ThenBy(p => index.Lots[p.Arc.Lot].Id, StringComparer.Ordinal).ThenBy(p => index.Lines[p.Arc.Line].Id, StringComparer.Ordinal);
        foreach (var (arc, kg) in portions)
        {
            var whole = Array.FindIndex(room, r => r >= kg);
            var left = kg;
            for (var t = whole >= 0 ? whole : 0; t < trucks.Length && left > 0; t++)
            {
                var part = (int)Math.Min(left, room[t]);
                if (part > 0)
                {
                    loads[t].Add(new ShipmentLoad(index.Lots[arc.Lot].Id, index.Lines[arc.Line].Id, index.Lots[arc.Lot].ProductCode, part));
                    room[t] -= part;
                    left -= part;
                }
            }
        }

        return (trucks, loads);
    }
}
