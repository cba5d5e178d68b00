using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Transport;

/// <summary>A priced, timed leg from a base to a buyer for one storage class.</summary>
/// <param name="Feasible">False when no eligible vehicle type exists (cold chain unavailable).</param>
/// <param name="TransitHours">Driving plus handling hours.</param>
/// <param name="DeliveryOffsetDays">Delivery day minus ship day.</param>
/// <param name="TariffFenPerKg">Transport cost per kg, whole fen.</param>
/// <param name="VehicleTypeId">Vehicle type the tariff is based on (null for a lane tariff without vehicles).</param>
public readonly record struct TransportLeg(
    bool Feasible,
    double DistanceKm,
    double TransitHours,
    int DeliveryOffsetDays,
    long TariffFenPerKg,
    string? VehicleTypeId);

/// <summary>
/// Distances, transit times and per-kg tariffs between bases and buyers, following MODEL.md
/// ("Transport between a base and a buyer" and "Timing and freshness").
/// </summary>
public sealed class TransportModel
{
    private const double EarthRadiusKm = 6371.0088;

    private readonly MatchingSettings _settings;
    private readonly Dictionary<string, Dictionary<string, Lane>> _lanesByOrigin;
    private readonly VehicleType[] _vehicles;

    public TransportModel(ReferenceData reference, MatchingSettings settings)
    {
        _settings = settings;
        _lanesByOrigin = new Dictionary<string, Dictionary<string, Lane>>(StringComparer.Ordinal);
        foreach (var lane in reference.Lanes)
        {
            if (!_lanesByOrigin.TryGetValue(lane.OriginId, out var byDestination))
            {
                byDestination = new Dictionary<string, Lane>(StringComparer.Ordinal);
                _lanesByOrigin[lane.OriginId] = byDestination;
            }

            byDestination[lane.DestinationId] = lane;
        }

        _vehicles = reference.VehicleTypes.OrderBy(v => v.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Great-circle distance in km (haversine).</summary>
    public static double GreatCircleKm(GeoPoint a, GeoPoint b)
    {
        var dLat = DegToRad(b.Lat - a.Lat);
        var dLon = DegToRad(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(DegToRad(a.Lat)) * Math.Cos(DegToRad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The leg from a base to a buyer for goods that need (or not) a cold chain.</summary>
    public TransportLeg Leg(Base origin, Buyer buyer, bool needsColdChain)
    {
        var lane = FindLane(origin.Id, buyer);
        var distance = Math.Round(lane?.DistanceKm ?? (GreatCircleKm(origin.Location, buyer.Location) * _settings.RoadFactor), 1);
        var vehicle = CheapestVehicle(distance, needsColdChain);
        if (vehicle is null)
        {
            return new TransportLeg(false, distance, 0, 0, 0, null);
        }

        var drivingHours = lane?.Hours ?? (distance / vehicle.SpeedKmh);
        var transit = drivingHours + _settings.HandlingHours;
        var tariffCny = lane?.CostPerKg is { } laneTariff ? laneTariff : (decimal)PerKg(vehicle, distance);
        var offset = DeliveryOffsetDays(transit, buyer.ReceiveTo);
        return new TransportLeg(true, distance, transit, offset, Money.ToFen(tariffCny), vehicle.Id);
    }

    /// <summary>
    /// Days from ship day to delivery day: trucks leave at the dispatch hour, and arrive that calendar day's
    /// delivery when they reach the buyer by its receiving-window end, else the next day's.
    /// </summary>
    public int DeliveryOffsetDays(double transitHours, TimeOnly receiveTo)
    {
        var arrivalHours = _settings.DispatchHour + transitHours;
        var arrivalDay = (int)Math.Floor(arrivalHours / 24);
        var arrivalTimeOfDay = TimeSpan.FromHours(arrivalHours - (arrivalDay * 24));
        return arrivalTimeOfDay <= receiveTo.ToTimeSpan() ? arrivalDay : arrivalDay + 1;
    }

    /// <summary>Remaining shelf life at delivery, % of the shelf life, rounded down (may be negative).</summary>
    public static int FreshnessPercent(Product product, DateOnly harvest, DateOnly delivery) =>
        FreshnessPercent(product.ShelfLifeDays, delivery.DayNumber - harvest.DayNumber);

    /// <summary>Remaining shelf life after <paramref name="ageDays"/> days, % rounded down (exact integer arithmetic).</summary>
    public static int FreshnessPercent(int shelfLifeDays, int ageDays) =>
        (int)Math.Floor(100m * (shelfLifeDays - ageDays) / shelfLifeDays);

    private Lane? FindLane(string originId, Buyer buyer) =>
        !_lanesByOrigin.TryGetValue(originId, out var byDestination) ? null
        : byDestination.TryGetValue(buyer.Id, out var exact) ? exact
        : byDestination.TryGetValue(buyer.CityId, out var byCity) ? byCity
        : null;

    private VehicleType? CheapestVehicle(double distanceKm, bool needsColdChain)
    {
        VehicleType? best = null;
        var bestPerKg = double.MaxValue;
        foreach (var v in _vehicles)
        {
            if (needsColdChain && !v.Refrigerated)
            {
                continue;
            }

            var perKg = PerKg(v, distanceKm);
            if (perKg < bestPerKg)
            {
                best = v;
                bestPerKg = perKg;
            }
        }

        return best;
    }

    /// <summary>A full (at the load factor) truck's cost per kg over the distance, CNY/kg.</summary>
    private double PerKg(VehicleType v, double distanceKm) =>
        ((double)v.FixedCost + ((double)v.CostPerKm * distanceKm)) / (v.CapacityKg * _settings.LoadFactor);

    private static double DegToRad(double deg) => deg * Math.PI / 180.0;
}
