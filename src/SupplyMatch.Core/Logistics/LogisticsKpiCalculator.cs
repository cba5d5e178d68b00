namespace SupplyMatch.Core.Logistics;

/// <summary>Logistics KPIs (MODEL.md "Logistics", KPIs and emissions).</summary>
internal static class LogisticsKpiCalculator
{
    public static LogisticsKpis Compute(
        LogisticsNetwork network, PlanState state, ObjectiveBreakdown objective, IReadOnlyList<Shipment> shipments, IReadOnlyList<LogisticsUnmet> unmet)
    {
        var index = network.Index;
        var demand = index.Lines.Sum(l => (long)l.QuantityKg);
        var allocated = state.LineServed.Sum();
        long viaHub = 0, viaDc = 0;
        double tonKm = 0, sideCo2 = 0;
        for (var a = 0; a < state.Flow.Length; a++)
        {
            var kg = state.Flow[a];
            if (kg == 0)
            {
                continue;
            }

            var arc = state.Candidates.Arcs[a];
            var cold = arc.StorageClass != 0;
            var km = state.Candidates.Bins[arc.Bin].DistanceDm / 10.0;
            if (arc.Path is PathKind.ViaHub or PathKind.ViaHubDc)
            {
                viaHub += kg;
                var feeder = network.Feeder(index.LotBase[arc.Lot], cold);
                km += feeder.DistanceDm / 10.0;
                sideCo2 += SideCo2(network, feeder, kg, 1);
            }

            if (arc.Path is PathKind.ViaDc or PathKind.ViaHubDc)
            {
                viaDc += kg;
                var local = network.Local(index.LineBuyer[arc.Line], cold);
                km += local.DistanceDm / 10.0;
                sideCo2 += SideCo2(network, local, kg, 2);
            }

            tonKm += kg * km / 1000.0;
        }

        var capacity = shipments.Sum(s => (long)s.CapacityKg);
        var load = shipments.Sum(s => (long)s.LoadKg);
        var lineHaulCo2 = shipments.Sum(s => s.Co2Kg);
        var co2 = lineHaulCo2 + sideCo2;
        var transport = objective.TransportCny;
        return new LogisticsKpis(
            demand, allocated, demand == 0 ? 0 : (double)allocated / demand, index.Lines.Length,
            index.Lines.Length - unmet.Count, unmet.Count(u => u.AllocatedKg == 0),
            shipments.Count, shipments.Count(s => s.Refrigerated), capacity == 0 ? 0 : Math.Round(100.0 * load / capacity, 2),
            Math.Round(shipments.Sum(s => s.DistanceKm), 1), Math.Round(tonKm, 3), transport,
            allocated == 0 ? 0 : Math.Round(transport / allocated, 4, MidpointRounding.AwayFromZero), viaHub, viaDc,
            Math.Round(co2, 1), Math.Round(lineHaulCo2, 1), allocated == 0 ? 0 : Math.Round(co2 / (allocated / 1000.0), 3));
    }

    /// <summary>Per-kg legs: the kg's share of a truck of the tariff's vehicle at the load factor, over the leg's km (x legs).</summary>
    private static double SideCo2(LogisticsNetwork network, SideLeg leg, int kg, int legs)
    {
        var vehicle = network.Legs.Vehicles[leg.Vehicle];
        var trucks = kg / (vehicle.CapacityKg * network.Index.Settings.LoadFactor);
        return trucks * legs * leg.DistanceDm / 10.0 * Emissions.KgCo2PerKm(vehicle);
    }
}
