using System.Globalization;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// One delivery run (a distribution centre on a delivery day) routed with one vehicle type. Times are minutes from
/// 00:00 CST of the delivery day; distances are 0.1 km on the same roads as the plan's city leg (a lane override from the
/// centre to the buyer, else great-circle x road factor); driving at the vehicle's speed. A buyer receives from its window's
/// opening until its closing; a route leaves once the goods of all its stops are ready at the centre (release dates) and
/// lasts at most <see cref="LogisticsSettings.MaxRouteMinutes"/>.
/// </summary>
internal sealed class DeliveryRunSolver
{
    private const int Horizon = 2 * 1440;
    private readonly DeliveryRun _run;
    private readonly VehicleType _vehicle;
    private readonly NetworkLegs _legs;
    private readonly LogisticsSettings _settings;
    private readonly DateTimeOffset _dayStartUtc;
    private readonly List<Part> _parts = [];

    public DeliveryRunSolver(DeliveryRun run, VehicleType vehicle, NetworkLegs legs, LogisticsSettings settings)
    {
        (_run, _vehicle, _legs, _settings) = (run, vehicle, legs, settings);
        _dayStartUtc = ShipmentBuilder.CstToUtc(run.Day.DayNumber, 0);
        for (var s = 0; s < run.Stops.Count; s++)
            Split(s, run.Stops[s]);
    }

    /// <summary>A visit to a buyer: the whole stop, a full vehicle load of a stop larger than a vehicle (<paramref name="Full"/>), or the rest.</summary>
    private sealed record Part(string Id, int Stop, int Kg, int ColdKg, int ServiceMinutes, long Release, bool Full);

    /// <summary>
    /// Full vehicle loads go out and back alone (nothing else fits beside them); the other visits are routed together.
    /// A visit the search leaves out, or every visit when the search finds nothing before its limit, goes alone too,
    /// so a visit is unrouted only when it cannot be served even alone.
    /// </summary>
    public RunAnswer Solve(CancellationToken cancellationToken)
    {
        var travel = Travel();
        var byId = _parts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var (routes, unrouted) = (new List<DeliveryRoute>(), new List<UnroutedDelivery>());
        var alone = _parts.Where(p => p.Full).ToList();
        var shared = _parts.Where(p => !p.Full).ToList();
        if (shared.Count > 0)
        {
            var solution = Router.Solve(Problem(travel, shared), cancellationToken);
            routes.AddRange(solution.Routes.Select(r => Route([.. r.Visits.Select(v => byId[v.StopId])], r.DepartDepot, travel)));
            foreach (var u in solution.Unrouted)
            {
                if (u.Reason == UnroutedReason.NoVehicle)
                    alone.Add(byId[u.StopId]);
                else
                    unrouted.Add(Unrouted(byId[u.StopId], u.Reason, travel));
            }
        }

        // The router's own screening decides whether a visit can go alone (window, horizon, route length).
        var single = Problem(travel, alone);
        foreach (var (part, stop) in alone.Zip(single.Stops))
        {
            if (StopScreening.Check(single, stop) is { } rejected)
                unrouted.Add(Unrouted(part, rejected.Reason, travel));
            else
                routes.Add(Route([part], part.Release, travel));
        }

        return new RunAnswer(_vehicle.Id, routes, unrouted);
    }

    private void Split(int s, DeliveryStop stop)
    {
        var capacity = _vehicle.CapacityKg;
        var (full, rest) = (stop.Kg / capacity, stop.Kg % capacity);
        var count = full + (rest > 0 ? 1 : 0);
        var release = Math.Max(0, (long)Math.Ceiling((stop.ReadyUtc - _dayStartUtc).TotalMinutes));
        var cold = stop.ColdKg;
        for (var p = 0; p < count; p++)
        {
            var kg = p < full ? capacity : rest;
            var partCold = Math.Min(cold, kg);
            cold -= partCold;
            var service = _settings.ServiceMinutes + (int)Math.Ceiling(_settings.ServiceMinutesPerTonne * kg / 1000.0);
            _parts.Add(new Part(count == 1 ? stop.BuyerId : $"{stop.BuyerId}#{p + 1}", s, kg, partCold, service, release, p < full));
        }
    }

    /// <summary>Location 0 is the centre, location k the k-th stop's buyer.</summary>
    private TravelMatrix Travel()
    {
        var n = _run.Stops.Count + 1;
        var ids = new[] { _run.DcId }.Concat(_run.Stops.Select(s => s.BuyerId)).ToArray();
        var points = new[] { _run.DcLocation }.Concat(_run.Stops.Select(s => s.Location)).ToArray();
        var (distance, time) = (new long[n][], new long[n][]);
        for (var i = 0; i < n; i++)
        {
            (distance[i], time[i]) = (new long[n], new long[n]);
            for (var j = 0; j < n; j++)
            {
                if (i == j)
                    continue;

                // The centre's legs in both directions use the plan's centre -> buyer road (and its lane hours, if any).
                var (dm, lane) = i == 0 || j == 0
                    ? _legs.Distance(ids[0], points[0], ids[i + j], null, points[i + j])
                    : _legs.Distance(ids[i], points[i], ids[j], null, points[j]);
                distance[i][j] = dm;
                time[i][j] = lane is not null ? (long)Math.Round(lane.Hours * 60) : (long)Math.Ceiling(dm * 6m / (decimal)_vehicle.SpeedKmh);
            }
        }

        return new TravelMatrix(distance, time, DistanceScale: 10, TimeScale: 1);
    }

    private RoutingProblem Problem(TravelMatrix travel, List<Part> parts)
    {
        var stops = parts.Select(p =>
        {
            var stop = _run.Stops[p.Stop];
            return new RoutingStop(p.Id, p.Stop + 1, p.Kg, Minute(stop.ReceiveFrom), Minute(stop.ReceiveTo), p.ServiceMinutes, p.Release);
        }).ToList();
        var fixedDm = _vehicle.CostPerKm > 0 ? (long)Math.Round(_vehicle.FixedCost / _vehicle.CostPerKm * 10m) : 0;
        var fleet = new RoutingFleet(parts.Count, _vehicle.CapacityKg, _settings.MaxRouteMinutes, fixedDm);
        // Larger runs get proportionally more time (the first solution alone grows with the number of visits).
        var seconds = _settings.RoutingSecondsPerRun * Math.Max(1.0, parts.Count / 50.0);
        var search = new RoutingSettings(TimeSpan.FromSeconds(seconds), RoutingObjective.DistancePlusFixedCost,
            Improvement: parts.Count <= _settings.RoutingGuidedMaxVisits ? ImprovementMethod.GuidedLocalSearch : ImprovementMethod.LocalOptimum,
            SolutionLimit: _settings.RoutingSolutionLimit);
        return new RoutingProblem($"{_run.DcId} {_run.Day:yyyy-MM-dd} {_vehicle.Id}", new RoutingDepot(0, 0, Horizon), stops, fleet, travel, search);
    }

    /// <summary>
    /// The route with its schedule: it leaves to reach its first stop as the window opens (no waiting at the first stop that
    /// a later departure would avoid, no later than the other stops' windows allow), then drives, waits for a window where
    /// it must, serves and goes on.
    /// </summary>
    private DeliveryRoute Route(List<Part> sequence, long earliest, TravelMatrix travel)
    {
        var visits = sequence.Select(p => (Part: p, Location: p.Stop + 1)).ToList();
        var time = travel.Time;
        var latest = long.MaxValue;
        for (var k = visits.Count - 1; k >= 0; k--)
        {
            var due = Minute(_run.Stops[visits[k].Part.Stop].ReceiveTo);
            latest = k == visits.Count - 1 ? due : Math.Min(due, latest - visits[k].Part.ServiceMinutes - time[visits[k].Location][visits[k + 1].Location]);
        }

        // Arrive at the first stop as its window opens, unless the goods are ready only later (the solver's departure) or
        // the later stops need an earlier start (the latest feasible departure).
        var opens = Minute(_run.Stops[visits[0].Part.Stop].ReceiveFrom) - time[0][visits[0].Location];
        var depart = Math.Max(earliest, Math.Min(opens, latest - time[0][visits[0].Location]));
        var (stops, place, free, dm) = (new List<RouteStop>(), 0, depart, 0L);
        foreach (var (part, location) in visits)
        {
            var stop = _run.Stops[part.Stop];
            var arrival = free + time[place][location];
            var start = Math.Max(arrival, Minute(stop.ReceiveFrom));
            stops.Add(new RouteStop(stops.Count + 1, stop.BuyerId, part.Kg, part.ColdKg, stop.LineIds,
                Utc(arrival), Utc(start), Utc(start + part.ServiceMinutes), travel.Distance[place][location] / 10.0));
            (place, free, dm) = (location, start + part.ServiceMinutes, dm + travel.Distance[place][location]);
        }

        var km = (dm + travel.Distance[place][0]) / 10.0;
        var load = sequence.Sum(p => p.Kg);
        var cost = Math.Round(_vehicle.FixedCost + (_vehicle.CostPerKm * (decimal)km), 2);
        return new DeliveryRoute("", _run.DcId, _run.Day, _vehicle.Id, _vehicle.Refrigerated, _vehicle.CapacityKg, load,
            Math.Round(100.0 * load / _vehicle.CapacityKg, 2), km, Utc(depart), Utc(free + time[place][0]), cost,
            Math.Round(km * Emissions.KgCo2PerKm(_vehicle), 2), stops);
    }

    private UnroutedDelivery Unrouted(Part part, UnroutedReason reason, TravelMatrix travel)
    {
        var stop = _run.Stops[part.Stop];
        var there = travel.Time[0][part.Stop + 1];
        var (from, to, limit) = (stop.ReceiveFrom.ToString("HH:mm", CultureInfo.InvariantCulture), stop.ReceiveTo.ToString("HH:mm", CultureInfo.InvariantCulture), _settings.MaxRouteMinutes);
        var (message, messageZh) = reason switch
        {
            UnroutedReason.TimeWindow => (
                $"Goods ready at {_run.DcId} at {Clock(part.Release)} CST, {there} min drive: earliest arrival {Clock(part.Release + there)}, after the receiving window closes at {to}.",
                $"货物于北京时间 {Clock(part.Release)} 在 {_run.DcId} 备好，车程 {there} 分钟：最早 {Clock(part.Release + there)} 到达，已过收货时段的结束时间 {to}。"),
            UnroutedReason.RouteLength => (
                $"Even alone on a route of vehicle type {_vehicle.Id} it takes longer than the {limit} min limit ({there} min each way, window {from}-{to}).",
                $"即使由 {_vehicle.Id} 车型单独配送，路线也超过 {limit} 分钟的时长上限（单程 {there} 分钟，收货时段 {from}-{to}）。"),
            _ => (
                $"No route of vehicle type {_vehicle.Id} could take it.",
                $"没有一条 {_vehicle.Id} 车型的路线能承运。"),
        };
        return new UnroutedDelivery(_run.DcId, _run.Day, stop.BuyerId, part.Kg, stop.LineIds, reason, message, messageZh);
    }

    private static long Minute(TimeOnly time) => (time.Hour * 60) + time.Minute;

    private DateTimeOffset Utc(long minute) => _dayStartUtc.AddMinutes(minute);

    private static string Clock(long minute) =>
        minute >= 1440 ? $"+{minute / 1440}d {minute % 1440 / 60:D2}:{minute % 60:D2}" : $"{minute / 60:D2}:{minute % 60:D2}";
}
