using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Logistics;

/// <summary>A line-haul lane for one cold-chain group: distance and driving minutes.</summary>
internal readonly record struct HaulLeg(bool Feasible, int DistanceDm, int DriveMinutes);

/// <summary>A leg priced per kg (feeder to an origin hub, or city delivery from a distribution centre), with the hub's handling.</summary>
/// <param name="Vehicle">The vehicle type the per-kg tariff is based on (for the emission estimate).</param>
internal readonly record struct SideLeg(bool Feasible, int Hub, int DistanceDm, int DriveMinutes, int PerKgFen, int HandlingFen, int HandlingMinutes, int Vehicle);

/// <summary>
/// Distances, times and per-kg prices of the legs MODEL.md "Logistics" uses: vehicle eligibility per cold-chain
/// group, the slowest eligible speed for driving time, the cheapest eligible per-kg tariff at the load factor
/// (feeders and city delivery; line-haul lanes are priced per truck).
/// </summary>
internal sealed class NetworkLegs
{
    private readonly MatchingSettings _settings;
    private readonly Dictionary<(string, string), Lane> _lanes;

    public NetworkLegs(ReferenceData reference, MatchingSettings settings)
    {
        _settings = settings;
        _lanes = new Dictionary<(string, string), Lane>();
        foreach (var lane in reference.Lanes)
        {
            _lanes[(lane.OriginId, lane.DestinationId)] = lane;
        }

        Vehicles = reference.VehicleTypes.OrderBy(v => v.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Vehicle types in ordinal id order; positions are the vehicle indices used everywhere in logistics.</summary>
    public VehicleType[] Vehicles { get; }

    /// <summary>Vehicle indices that may carry a storage class: refrigerated ones for chilled/cool, every one for ambient.</summary>
    public int[] Eligible(bool cold, int maxCapacityKg = int.MaxValue) =>
        Enumerable.Range(0, Vehicles.Length).Where(v => (!cold || Vehicles[v].Refrigerated) && Vehicles[v].CapacityKg <= maxCapacityKg).ToArray();

    /// <summary>Road distance, 0.1 km: a lane override (origin -> destination id, then -> destination city), else great-circle x road factor.</summary>
    public (int DistanceDm, Lane? Lane) Distance(string originId, GeoPoint from, string destinationId, string? destinationCity, GeoPoint to)
    {
        var lane = _lanes.TryGetValue((originId, destinationId), out var exact) ? exact
            : destinationCity is not null && _lanes.TryGetValue((originId, destinationCity), out var byCity) ? byCity
            : null;
        var km = Math.Round(lane?.DistanceKm ?? (TransportModel.GreatCircleKm(from, to) * _settings.RoadFactor), 1);
        return ((int)Math.Round(km * 10), lane);
    }

    /// <summary>A line-haul lane for a cold-chain group.</summary>
    public HaulLeg Haul(string originId, GeoPoint from, string destinationId, string? destinationCity, GeoPoint to, bool cold)
    {
        var eligible = Eligible(cold);
        if (eligible.Length == 0)
        {
            return default;
        }

        var (dm, lane) = Distance(originId, from, destinationId, destinationCity, to);
        var minutes = lane is not null ? (int)Math.Round(lane.Hours * 60) : DriveMinutes(dm, eligible);
        return new HaulLeg(true, dm, minutes);
    }

    /// <summary>A per-kg leg: one-way (feeder) or out-and-back (city delivery, <paramref name="roundTrip"/>) at the cheapest eligible tariff.</summary>
    public SideLeg Side(Hub hub, int hubIndex, string otherId, GeoPoint other, bool cold, bool roundTrip, int maxCapacityKg)
    {
        var eligible = Eligible(cold, maxCapacityKg);
        eligible = eligible.Length > 0 ? eligible : Eligible(cold);
        if (eligible.Length == 0)
        {
            return default;
        }

        var (dm, lane) = roundTrip ? Distance(hub.Id, hub.Location, otherId, null, other) : Distance(otherId, other, hub.Id, null, hub.Location);
        var minutes = lane is not null ? (int)Math.Round(lane.Hours * 60) : DriveMinutes(dm, eligible);
        var (fen, vehicle) = Tariff(dm, eligible, roundTrip ? 2 : 1);
        return new SideLeg(true, hubIndex, dm, minutes, fen, (int)Money.ToFen(hub.HandlingCnyPerKg), (int)Math.Round(hub.HandlingHours * 60), vehicle);
    }

    /// <summary>Cost of one truck of vehicle <paramref name="v"/> over a lane, fen: fixed cost + cost per km x distance.</summary>
    public long TruckFen(int v, int distanceDm) => Money.ToFen(Vehicles[v].FixedCost + (Vehicles[v].CostPerKm * distanceDm / 10m));

    /// <summary>Driving minutes at the slowest eligible speed (every eligible truck keeps the schedule).</summary>
    private int DriveMinutes(int distanceDm, int[] eligible)
    {
        var slowest = (decimal)eligible.Min(v => Vehicles[v].SpeedKmh);
        return (int)Math.Ceiling(distanceDm * 6m / slowest);
    }

    /// <summary>MODEL.md rule 5 over the eligible types: (fixed + per km x distance x legs) / (capacity x load factor), whole fen.</summary>
    private (int Fen, int Vehicle) Tariff(int distanceDm, int[] eligible, int legs)
    {
        var best = double.MaxValue;
        var chosen = -1;
        foreach (var v in eligible)
        {
            var vehicle = Vehicles[v];
            var perKg = (double)(vehicle.FixedCost + (vehicle.CostPerKm * distanceDm * legs / 10m)) / (vehicle.CapacityKg * _settings.LoadFactor);
            if (perKg < best)
            {
                (best, chosen) = (perKg, v);
            }
        }

        return ((int)Money.ToFen(best), chosen);
    }
}
