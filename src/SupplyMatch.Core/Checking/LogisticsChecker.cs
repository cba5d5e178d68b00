using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>The logistics checker's verdict and its own recomputation of the objective.</summary>
public sealed record LogisticsCheckReport(IReadOnlyList<CheckIssue> Issues, decimal RecomputedObjectiveCny)
{
    /// <summary>True when the plan is feasible and every stated figure is right.</summary>
    public bool Ok => Issues.Count == 0;
}

/// <summary>
/// Re-checks a whole-truck plan against its problem on a code path of its own (MODEL.md "Logistics"): supply,
/// minimum orders, demand and all-or-nothing lines, grade and certification, paths through the nearest hubs, timing
/// and freshness along the whole path, windows, price ceilings, truck capacity per truck and lane day, vehicle types
/// and cold chain, loads against allocations, delivery runs, city delivery routes (capacity, cold chain, release at the
/// centre, receiving windows, route duration, distances and costs, every delivery routed or reported), and the objective
/// recomputed from the raw data.
/// </summary>
public static partial class LogisticsChecker
{
    public static LogisticsCheckReport Check(MatchingProblem problem, LogisticsResult result, LogisticsSettings? settings = null)
    {
        var check = new Recheck(problem, settings ?? new LogisticsSettings());
        var perKgFen = check.Allocations(result.Allocations);
        check.Quantities(result.Allocations, result.Unmet);
        var truckFen = check.Shipments(result.Shipments, result.Allocations);
        check.DeliveryRuns(result.DeliveryRuns, result.Allocations);
        check.Routes(result);
        var objective = Money.ToCny(perKgFen + truckFen + check.PenaltyFen(result.Allocations));
        check.Expect(objective == result.ObjectiveCny, "objective-mismatch", $"Objective {Fmt.CnyAmount(result.ObjectiveCny)} stated, {Fmt.CnyAmount(objective)} recomputed.");
        check.Expect(result.Kpis.Trucks == result.Shipments.Count, "kpi-mismatch", "Truck count KPI differs from the shipments.");
        check.Expect(result.Kpis.AllocatedKg == result.Allocations.Sum(a => (long)a.Kg), "kpi-mismatch", "Allocated kg KPI differs from the allocations.");
        check.Expect(result.Statistics.BestBoundCny <= result.ObjectiveCny, "bound-above-objective", "The stated bound exceeds the objective.");
        return new LogisticsCheckReport(check.Issues, objective);
    }

    private sealed partial class Recheck(MatchingProblem problem, LogisticsSettings settings)
    {
        private readonly Dictionary<string, HarvestLot> _lots = problem.Lots.ToDictionary(l => l.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, DemandLine> _lines = problem.Lines.ToDictionary(l => l.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, Base> _bases = problem.Reference.Bases.ToDictionary(b => b.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, Buyer> _buyers = problem.Reference.Buyers.ToDictionary(b => b.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, Product> _products = problem.Reference.Products.ToDictionary(p => p.Code, StringComparer.Ordinal);
        private readonly Dictionary<string, VehicleType> _vehicles = problem.Reference.VehicleTypes.ToDictionary(v => v.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, Hub> _hubs = problem.Reference.Hubs.ToDictionary(h => h.Id, StringComparer.Ordinal);
        private readonly Dictionary<(string, string), Lane> _laneOverrides = problem.Reference.Lanes.GroupBy(l => (l.OriginId, l.DestinationId)).ToDictionary(g => g.Key, g => g.Last());
        private readonly TransportModel _quotes = new(problem.Reference, problem.Settings);

        public List<CheckIssue> Issues { get; } = [];

        public void Expect(bool ok, string code, string message)
        {
            if (!ok)
            {
                Issues.Add(new CheckIssue(code, message));
            }
        }

        /// <summary>Each allocation: references, grade, certification, path, timing, freshness, ceiling, per-kg prices. Returns their per-kg cost, fen.</summary>
        public long Allocations(IReadOnlyList<LogisticsAllocation> allocations)
        {
            long fen = 0;
            foreach (var a in allocations)
            {
                if (!_lots.TryGetValue(a.LotId, out var lot) || !_lines.TryGetValue(a.LineId, out var line) || a.Kg <= 0)
                {
                    Expect(false, "unknown-reference", $"Allocation {a.LotId} -> {a.LineId}: unknown lot or line, or kg <= 0.");
                    continue;
                }

                var product = _products[lot.ProductCode];
                var origin = _bases[lot.BaseId];
                var buyer = _buyers[line.BuyerId];
                Expect(lot.ProductCode == line.ProductCode && a.BaseId == origin.Id && a.BuyerId == buyer.Id, "wrong-pair", $"{a.LotId} -> {a.LineId}: product, base or buyer differ.");
                Expect(lot.Grade >= line.MinGrade, "grade-too-low", $"{a.LotId} -> {a.LineId}: grade {lot.Grade} below {line.MinGrade}.");
                Expect(buyer.RequiredCertifications.All(origin.Certifications.Contains), "certification-missing", $"{a.LotId} -> {a.LineId}: base lacks a required certification.");
                fen += a.Kg * Path(a, lot, line, product, origin, buyer);
            }

            return fen;
        }

        /// <summary>Recomputes the path (nearest hubs), its timing and prices; returns the per-kg objective cost, fen.</summary>
        private long Path(LogisticsAllocation a, HarvestLot lot, DemandLine line, Product product, Base origin, Buyer buyer)
        {
            var cold = product.Storage != StorageClass.Ambient;
            var viaHub = a.Path is PathKind.ViaHub or PathKind.ViaHubDc;
            var viaDc = a.Path is PathKind.ViaDc or PathKind.ViaHubDc;
            var hub = viaHub ? Nearest(HubKind.OriginHub, origin.Location) : null;
            var dc = viaDc ? Nearest(HubKind.GbaDc, buyer.Location) : null;
            var label = $"{a.LotId} -> {a.LineId}";
            Expect((!viaHub || hub is not null) && (!viaDc || dc is not null) && a.OriginHubId == hub?.Id && a.DcId == dc?.Id, "wrong-hub", $"{label}: hubs differ from the nearest ones.");
            Expect(a.LaneOriginId == (hub?.Id ?? origin.Id) && a.LaneDestinationId == (dc?.Id ?? buyer.Id), "wrong-lane", $"{label}: lane ends differ from the path.");
            (long Fen, int Minutes)? feeder = hub is null ? null : SideLeg(origin.Id, origin.Location, hub.Id, hub.Location, cold, legs: 1, int.MaxValue);
            (long Fen, int Minutes)? local = dc is null ? null : SideLeg(dc.Id, dc.Location, buyer.Id, buyer.Location, cold, legs: 2, settings.LocalMaxCapacityKg);
            var dispatch = problem.Settings.DispatchHour * 60;
            var ready = (settings.PickupHour * 60) + (feeder?.Minutes ?? 0) + (hub is null ? 0 : (int)Math.Round(hub.HandlingHours * 60));
            var hubDays = hub is null || ready <= dispatch ? 0 : (ready - dispatch + 1439) / 1440;
            var haul = HaulMinutes(hub?.Id ?? origin.Id, hub?.Location ?? origin.Location, dc?.Id ?? buyer.Id, dc?.Region ?? buyer.CityId, dc?.Location ?? buyer.Location, cold);
            var atBuyer = dispatch + haul + (int)Math.Round(problem.Settings.HandlingHours * 60) + (dc is null ? 0 : (int)Math.Round(dc.HandlingHours * 60) + local!.Value.Minutes);
            var day = atBuyer / 1440;
            var deliveryDays = atBuyer - (day * 1440) <= (buyer.ReceiveTo.Hour * 60) + buyer.ReceiveTo.Minute ? day : day + 1;
            var ship = a.ShipDay.DayNumber;
            var delivery = ship + hubDays + deliveryDays;
            var freshness = TransportModel.FreshnessPercent(product, lot.HarvestDate, DateOnly.FromDayNumber(delivery));
            Expect(a.ShipDay >= lot.AvailableFrom && a.ShipDay <= lot.AvailableTo, "ship-day-outside-lot-window", $"{label}: ship day {a.ShipDay} outside the lot's window.");
            Expect(a.LaneDay.DayNumber == ship + hubDays && a.DeliveryDay.DayNumber == delivery, "wrong-timing", $"{label}: lane or delivery day differs from the path's timing.");
            Expect(delivery >= line.Earliest.DayNumber && delivery <= line.Latest.DayNumber, "delivery-outside-window", $"{label}: delivery {DateOnly.FromDayNumber(delivery)} outside the line's window.");
            Expect(freshness >= line.MinFreshnessPercent && freshness == a.FreshnessPercent, "freshness", $"{label}: freshness {freshness}% (stated {a.FreshnessPercent}%, required {line.MinFreshnessPercent}%).");
            var quoted = _quotes.Leg(origin, buyer, cold).TariffFenPerKg;
            Expect(Money.ToFen(lot.PriceCnyPerKg) + quoted <= Money.ToFen(line.MaxLandedCnyPerKg), "too-expensive", $"{label}: landed price above the ceiling.");
            var bonus = origin.PovertyLinked ? Money.ToFen(problem.Settings.PovertyBonusCnyPerKg) : 0;
            long[] expected = [Money.ToFen(lot.PriceCnyPerKg), bonus, feeder?.Fen ?? 0, hub is null ? 0 : Money.ToFen(hub.HandlingCnyPerKg), dc is null ? 0 : Money.ToFen(dc.HandlingCnyPerKg), local?.Fen ?? 0, quoted];
            long[] stated = [.. new[] { a.ExFarmCnyPerKg, a.PovertyBonusCnyPerKg, a.FeederCnyPerKg, a.HubHandlingCnyPerKg, a.DcHandlingCnyPerKg, a.CityDeliveryCnyPerKg, a.QuotedTariffCnyPerKg }.Select(Money.ToFen)];
            Expect(expected.SequenceEqual(stated), "wrong-price", $"{label}: a per-kg price differs from the recomputed one.");
            return expected[0] - expected[1] + expected[2] + expected[3] + expected[4] + expected[5];
        }

        /// <summary>Supply, minimum orders, demand, all-or-nothing lines and the unmet list.</summary>
        public void Quantities(IReadOnlyList<LogisticsAllocation> allocations, IReadOnlyList<LogisticsUnmet> unmet)
        {
            foreach (var g in allocations.Where(a => _lots.ContainsKey(a.LotId)).GroupBy(a => a.LotId))
            {
                var lot = _lots[g.Key];
                var kg = g.Sum(a => (long)a.Kg);
                Expect(kg <= lot.QuantityKg, "supply-exceeded", $"Lot {lot.Id}: {kg} kg allocated of {lot.QuantityKg}.");
                Expect(kg >= Math.Min(lot.MinOrderKg, lot.QuantityKg), "below-minimum-order", $"Lot {lot.Id}: {kg} kg is below its minimum order {lot.MinOrderKg}.");
            }

            var served = allocations.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Kg), StringComparer.Ordinal);
            var listed = unmet.ToDictionary(u => u.LineId, StringComparer.Ordinal);
            foreach (var line in problem.Lines)
            {
                var kg = served.GetValueOrDefault(line.Id);
                Expect(kg <= line.QuantityKg, "demand-exceeded", $"Line {line.Id}: {kg} kg delivered of {line.QuantityKg}.");
                Expect(line.PartialAllowed || kg == 0 || kg == line.QuantityKg, "all-or-nothing", $"Line {line.Id}: {kg} of {line.QuantityKg} kg on an all-or-nothing line.");
                var missing = line.QuantityKg - kg;
                Expect(missing == 0 ? !listed.ContainsKey(line.Id) : listed.TryGetValue(line.Id, out var u) && u.UnmetKg == missing && u.AllocatedKg == kg,
                    "unmet-mismatch", $"Line {line.Id}: unmet list disagrees with the allocations.");
            }
        }

        public long PenaltyFen(IReadOnlyList<LogisticsAllocation> allocations)
        {
            var served = allocations.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Kg), StringComparer.Ordinal);
            return problem.Lines.Sum(l => (l.QuantityKg - served.GetValueOrDefault(l.Id)) * Money.ToFen(problem.Settings.UnmetPenaltyCnyPerKg(l)));
        }

        /// <summary>Each truck: vehicle, cold chain, one storage class, capacity, cost, times; loads per lane day equal the allocations. Returns truck cost, fen.</summary>
        public long Shipments(IReadOnlyList<Shipment> shipments, IReadOnlyList<LogisticsAllocation> allocations)
        {
            long fen = 0;
            var loaded = new Dictionary<(string, string, string, string, DateOnly), long>();
            foreach (var s in shipments)
            {
                if (!_vehicles.TryGetValue(s.VehicleTypeId, out var vehicle))
                {
                    Expect(false, "unknown-vehicle", $"Shipment {s.Id}: unknown vehicle type {s.VehicleTypeId}.");
                    continue;
                }

                var kg = s.Loads.Sum(l => (long)l.Kg);
                var classes = s.Loads.Select(l => _products[l.ProductCode].Storage).Distinct().ToList();
                Expect(kg == s.LoadKg && kg <= vehicle.CapacityKg && s.CapacityKg == vehicle.CapacityKg, "over-capacity", $"Shipment {s.Id}: {kg} kg on a {vehicle.CapacityKg} kg {vehicle.Id}.");
                Expect(classes.Count <= 1 && (classes.Count == 0 || classes[0] == s.StorageClass), "mixed-storage", $"Shipment {s.Id}: goods of more than one storage class.");
                Expect(s.StorageClass == StorageClass.Ambient || vehicle.Refrigerated, "cold-chain", $"Shipment {s.Id}: {s.StorageClass} goods on a non-refrigerated {vehicle.Id}.");
                var cold = s.StorageClass != StorageClass.Ambient;
                var (from, to, city) = Ends(s.OriginId, s.DestinationId);
                var dm = DistanceDm(s.OriginId, from, s.DestinationId, city, to);
                var cost = Money.ToFen(vehicle.FixedCost + (vehicle.CostPerKm * dm / 10m));
                Expect(Money.ToFen(s.CostCny) == cost && Math.Abs(s.DistanceKm - (dm / 10.0)) < 1e-9, "truck-cost", $"Shipment {s.Id}: cost or distance differs from the lane.");
                var departure = new DateTimeOffset(s.ShipDay.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).AddHours(problem.Settings.DispatchHour);
                var arrival = departure.AddMinutes(HaulMinutes(s.OriginId, from, s.DestinationId, city, to, cold) + (int)Math.Round(problem.Settings.HandlingHours * 60));
                Expect(s.DepartureUtc == departure && s.ArrivalUtc == arrival, "truck-times", $"Shipment {s.Id}: departure or arrival differs from the lane's timing.");
                fen += cost;
                foreach (var l in s.Loads)
                {
                    var key = (l.LotId, l.LineId, s.OriginId, s.DestinationId, s.ShipDay);
                    loaded[key] = loaded.GetValueOrDefault(key) + l.Kg;
                }
            }

            var allocated = allocations.GroupBy(a => (a.LotId, a.LineId, a.LaneOriginId, a.LaneDestinationId, a.LaneDay)).ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Kg));
            Expect(allocated.Count == loaded.Count && allocated.All(e => loaded.GetValueOrDefault(e.Key) == e.Value), "loads-mismatch", "Truck loads per lane day differ from the allocations.");
            return fen;
        }

        /// <summary>Every distribution-centre delivery is a stop of its (centre, day) run, with the buyer's window.</summary>
        public void DeliveryRuns(IReadOnlyList<DeliveryRun> runs, IReadOnlyList<LogisticsAllocation> allocations)
        {
            var expected = allocations.Where(a => a.DcId is not null).GroupBy(a => (a.DcId!, a.DeliveryDay, a.BuyerId)).ToDictionary(g => g.Key, g => g.Sum(a => a.Kg));
            var stated = runs.SelectMany(r => r.Stops.Select(s => ((r.DcId, r.Day, s.BuyerId), s))).ToList();
            Expect(stated.Count == expected.Count && stated.All(s => expected.GetValueOrDefault(s.Item1) == s.s.Kg), "delivery-runs", "Delivery run stops differ from the distribution-centre deliveries.");
            Expect(stated.All(s => _buyers[s.s.BuyerId].ReceiveFrom == s.s.ReceiveFrom && _buyers[s.s.BuyerId].ReceiveTo == s.s.ReceiveTo), "delivery-window", "A stop's receiving window differs from its buyer's.");
        }

        private Hub? Nearest(HubKind kind, GeoPoint point) =>
            settings.UseHubs ? _hubs.Values.Where(h => h.Kind == kind).OrderBy(h => TransportModel.GreatCircleKm(point, h.Location)).ThenBy(h => h.Id, StringComparer.Ordinal).FirstOrDefault() : null;

        private (GeoPoint From, GeoPoint To, string? City) Ends(string originId, string destinationId)
        {
            var from = _hubs.TryGetValue(originId, out var hub) ? hub.Location : _bases[originId].Location;
            return _hubs.TryGetValue(destinationId, out var dc) ? (from, dc.Location, dc.Region) : (from, _buyers[destinationId].Location, _buyers[destinationId].CityId);
        }

        private int DistanceDm(string originId, GeoPoint from, string destinationId, string? city, GeoPoint to) =>
            (int)Math.Round(Math.Round(Override(originId, destinationId, city)?.DistanceKm ?? (TransportModel.GreatCircleKm(from, to) * problem.Settings.RoadFactor), 1) * 10);

        private Lane? Override(string originId, string destinationId, string? city) =>
            _laneOverrides.TryGetValue((originId, destinationId), out var lane) ? lane : city is not null && _laneOverrides.TryGetValue((originId, city), out var byCity) ? byCity : null;

        private IEnumerable<VehicleType> Eligible(bool cold, int maxCapacityKg = int.MaxValue) =>
            _vehicles.Values.Where(v => (!cold || v.Refrigerated) && v.CapacityKg <= maxCapacityKg);

        private int HaulMinutes(string originId, GeoPoint from, string destinationId, string? city, GeoPoint to, bool cold) =>
            Override(originId, destinationId, city) is { } lane ? (int)Math.Round(lane.Hours * 60)
                : (int)Math.Ceiling(DistanceDm(originId, from, destinationId, city, to) * 6m / (decimal)Eligible(cold).Min(v => v.SpeedKmh));

        /// <summary>A per-kg leg: cheapest eligible (fixed + per km x distance x legs) / (capacity x load factor), driving at the slowest eligible speed.</summary>
        private (long Fen, int Minutes) SideLeg(string originId, GeoPoint from, string destinationId, GeoPoint to, bool cold, int legs, int maxCapacityKg)
        {
            var eligible = Eligible(cold, maxCapacityKg).ToList();
            eligible = eligible.Count > 0 ? eligible : [.. Eligible(cold)];
            var lane = Override(originId, destinationId, null);
            var dm = DistanceDm(originId, from, destinationId, null, to);
            var minutes = lane is not null ? (int)Math.Round(lane.Hours * 60) : (int)Math.Ceiling(dm * 6m / (decimal)eligible.Min(v => v.SpeedKmh));
            var perKg = eligible.Min(v => (double)(v.FixedCost + (v.CostPerKm * dm * legs / 10m)) / (v.CapacityKg * problem.Settings.LoadFactor));
            return (Money.ToFen(perKg), minutes);
        }
    }
}
