using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;

namespace SupplyMatch.Core.Checking;

public static partial class LogisticsChecker
{
    private sealed partial class Recheck
    {
        /// <summary>
        /// City delivery routes, when the plan was routed: every distribution-centre delivery is on routes or unrouted with
        /// its kg; each route's vehicle, capacity, cold chain, schedule (leaving after its goods are ready at the centre,
        /// driving, waiting, receiving windows, service, duration), distances, cost and the routing KPIs.
        /// </summary>
        public void Routes(LogisticsResult result)
        {
            if (result.Routing is null)
            {
                Expect(result.Routes.Count == 0 && result.UnroutedDeliveries.Count == 0, "routing-kpis", "Routes are stated without routing KPIs.");
                return;
            }

            var ready = ReadyAtCentre(result.Allocations);
            var carried = new Dictionary<(string, DateOnly, string), long>();
            foreach (var route in result.Routes)
            {
                Route(route, ready);
                foreach (var stop in route.Stops)
                    carried[(route.DcId, route.Day, stop.BuyerId)] = carried.GetValueOrDefault((route.DcId, route.Day, stop.BuyerId)) + stop.Kg;
            }

            foreach (var u in result.UnroutedDeliveries)
            {
                Expect(u.Kg > 0 && u.Message.Length > 0, "unrouted-delivery", $"Unrouted delivery to {u.BuyerId} from {u.DcId} on {u.Day}: no kg or no reason.");
                carried[(u.DcId, u.Day, u.BuyerId)] = carried.GetValueOrDefault((u.DcId, u.Day, u.BuyerId)) + u.Kg;
            }

            var expected = result.Allocations.Where(a => a.DcId is not null)
                .GroupBy(a => (a.DcId!, a.DeliveryDay, a.BuyerId)).ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Kg));
            var missing = expected.Where(e => carried.GetValueOrDefault(e.Key) != e.Value).Select(e => e.Key).FirstOrDefault();
            Expect(expected.Count == carried.Count && missing == default, "delivery-not-routed",
                missing == default ? "Routes carry deliveries no allocation sends through a centre." : $"Delivery to {missing.Item3} from {missing.Item1} on {missing.Item2}: routed and unrouted kg differ from the allocations.");
            RoutingKpis(result);
        }

        /// <summary>When the last goods of each (centre, day, buyer) are ready at the centre: line-haul arrival plus the centre's handling.</summary>
        private Dictionary<(string, DateOnly, string), DateTimeOffset> ReadyAtCentre(IReadOnlyList<LogisticsAllocation> allocations)
        {
            var ready = new Dictionary<(string, DateOnly, string), DateTimeOffset>();
            foreach (var a in allocations.Where(a => a.DcId is not null && _hubs.ContainsKey(a.DcId)))
            {
                var (from, to, city) = Ends(a.LaneOriginId, a.LaneDestinationId);
                var cold = _products[a.ProductCode].Storage != StorageClass.Ambient;
                var departure = new DateTimeOffset(a.LaneDay.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).AddHours(problem.Settings.DispatchHour);
                var at = departure.AddMinutes(HaulMinutes(a.LaneOriginId, from, a.LaneDestinationId, city, to, cold)
                    + (int)Math.Round(problem.Settings.HandlingHours * 60) + (int)Math.Round(_hubs[a.DcId!].HandlingHours * 60));
                var key = (a.DcId!, a.DeliveryDay, a.BuyerId);
                ready[key] = ready.TryGetValue(key, out var seen) && seen > at ? seen : at;
            }

            return ready;
        }

        private void Route(DeliveryRoute route, Dictionary<(string, DateOnly, string), DateTimeOffset> ready)
        {
            if (!_vehicles.TryGetValue(route.VehicleTypeId, out var vehicle) || !_hubs.TryGetValue(route.DcId, out var dc) || route.Stops.Count == 0)
            {
                Expect(false, "route-reference", $"Route {route.Id}: unknown vehicle type or centre, or no stops.");
                return;
            }

            var load = route.Stops.Sum(s => (long)s.Kg);
            Expect(load == route.LoadKg && load <= vehicle.CapacityKg && route.CapacityKg == vehicle.CapacityKg, "route-capacity", $"Route {route.Id}: {load} kg on a {vehicle.CapacityKg} kg {vehicle.Id}.");
            Expect(vehicle.Refrigerated == route.Refrigerated && (vehicle.Refrigerated || route.Stops.All(s => s.ColdKg == 0)), "cold-chain", $"Route {route.Id}: cold goods on a non-refrigerated {vehicle.Id}.");
            Expect(vehicle.CapacityKg <= settings.LocalMaxCapacityKg || _vehicles.Values.All(v => v.CapacityKg > settings.LocalMaxCapacityKg || (route.Refrigerated && !v.Refrigerated)),
                "route-vehicle", $"Route {route.Id}: a {vehicle.Id} is above the urban limit of {settings.LocalMaxCapacityKg} kg while smaller vehicles exist.");
            var latestReady = route.Stops.Max(s => ready.TryGetValue((route.DcId, route.Day, s.BuyerId), out var at) ? at : DateTimeOffset.MaxValue);
            Expect(route.DepartureUtc >= latestReady, "route-release", $"Route {route.Id}: leaves {route.DcId} at {route.DepartureUtc:u}, before its goods are ready ({latestReady:u}).");
            Schedule(route, vehicle, dc);
        }

        /// <summary>Drives the stated sequence: arrival = previous departure + driving, service inside the window, departure after service.</summary>
        private void Schedule(DeliveryRoute route, VehicleType vehicle, Hub dc)
        {
            var dayStart = new DateTimeOffset(route.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            var (place, location, free, totalDm) = (dc.Id, dc.Location, route.DepartureUtc, 0L);
            foreach (var stop in route.Stops)
            {
                var buyer = _buyers[stop.BuyerId];
                var (dm, minutes) = CityLeg(dc, place, location, buyer.Id, buyer.Location, vehicle);
                var service = settings.ServiceMinutes + (int)Math.Ceiling(settings.ServiceMinutesPerTonne * stop.Kg / 1000.0);
                var (opens, closes) = (dayStart + buyer.ReceiveFrom.ToTimeSpan(), dayStart + buyer.ReceiveTo.ToTimeSpan());
                Expect(stop.ArrivalUtc == free.AddMinutes(minutes) && Math.Abs(stop.KmFromPrevious - (dm / 10.0)) < 1e-9, "route-travel", $"Route {route.Id} stop {stop.Sequence}: arrival or km differ from the road from the previous stop.");
                Expect(stop.ServiceStartUtc >= stop.ArrivalUtc && stop.ServiceStartUtc >= opens && stop.ServiceStartUtc <= closes, "route-window", $"Route {route.Id} stop {stop.Sequence}: service at {stop.ServiceStartUtc:u} outside {buyer.Id}'s window or before arrival.");
                Expect(stop.DepartureUtc == stop.ServiceStartUtc.AddMinutes(service), "route-service", $"Route {route.Id} stop {stop.Sequence}: service time differs from {service} min.");
                (place, location, free, totalDm) = (buyer.Id, buyer.Location, stop.DepartureUtc, totalDm + dm);
            }

            var (back, backMinutes) = CityLeg(dc, place, location, dc.Id, dc.Location, vehicle);
            totalDm += back;
            Expect(route.ReturnUtc == free.AddMinutes(backMinutes), "route-travel", $"Route {route.Id}: return time differs from the road back.");
            Expect((route.ReturnUtc - route.DepartureUtc).TotalMinutes <= settings.MaxRouteMinutes, "route-length", $"Route {route.Id}: {(route.ReturnUtc - route.DepartureUtc).TotalMinutes} min, over {settings.MaxRouteMinutes} min.");
            Expect(Math.Abs(route.DistanceKm - (totalDm / 10.0)) < 1e-6 && route.CostCny == Math.Round(vehicle.FixedCost + (vehicle.CostPerKm * totalDm / 10m), 2),
                "route-cost", $"Route {route.Id}: distance or cost differs from {totalDm / 10.0} km.");
        }

        /// <summary>A city road: to or from the centre as the centre -> buyer road (lane override and its hours if any), else great-circle x road factor at the vehicle's speed.</summary>
        private (long Dm, int Minutes) CityLeg(Hub dc, string fromId, GeoPoint from, string toId, GeoPoint to, VehicleType vehicle)
        {
            var (a, pa, b, pb) = toId == dc.Id ? (dc.Id, dc.Location, fromId, from) : fromId == dc.Id ? (dc.Id, dc.Location, toId, to) : (fromId, from, toId, to);
            if (a == b)
                return (0, 0);

            var dm = DistanceDm(a, pa, b, null, pb);
            var lane = Override(a, b, null);
            return (dm, lane is not null ? (int)Math.Round(lane.Hours * 60) : (int)Math.Ceiling(dm * 6m / (decimal)vehicle.SpeedKmh));
        }

        private void RoutingKpis(LogisticsResult result)
        {
            var k = result.Routing!;
            Expect(k.Routes == result.Routes.Count && k.Stops == result.Routes.Sum(r => r.Stops.Count) && k.UnroutedStops == result.UnroutedDeliveries.Count
                && k.RoutedKg == result.Routes.Sum(r => (long)r.LoadKg) && k.UnroutedKg == result.UnroutedDeliveries.Sum(u => (long)u.Kg)
                && k.CostCny == result.Routes.Sum(r => r.CostCny) && Math.Abs(k.Km - Math.Round(result.Routes.Sum(r => r.DistanceKm), 1)) < 1e-6,
                "routing-kpis", "Routing KPIs differ from the routes.");
        }
    }
}
