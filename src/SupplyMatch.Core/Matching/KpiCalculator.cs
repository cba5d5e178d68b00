using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>KPIs of an allocation (definitions in MODEL.md "KPIs").</summary>
internal static class KpiCalculator
{
    public static Kpis Compute(ProblemIndex index, IReadOnlyList<Allocation> allocations, IReadOnlyList<UnmetLine> unmet)
    {
        var demandKg = index.Lines.Sum(l => (long)l.QuantityKg);
        long allocatedKg = 0, exFarmFen = 0, transportFen = 0;
        double tonKm = 0;
        foreach (var a in allocations)
        {
            allocatedKg += a.Kg;
            exFarmFen += Money.ToFen(a.ExFarmCnyPerKg) * a.Kg;
            transportFen += Money.ToFen(a.TransportCnyPerKg) * a.Kg;
            tonKm += a.Kg * a.DistanceKm / 1000.0;
        }

        var partly = unmet.Count(u => u.AllocatedKg > 0);
        var none = unmet.Count(u => u.AllocatedKg == 0);
        var lines = index.Lines.Length;
        var (byProvince, byCounty) = PovertyPurchases(index, allocations);
        var povertyKg = byProvince.Sum(p => p.Kg);
        var landedFen = exFarmFen + transportFen;
        return new Kpis(
            demandKg,
            allocatedKg,
            demandKg == 0 ? 0 : (double)allocatedKg / demandKg,
            lines,
            lines - partly - none,
            partly,
            none,
            lines == 0 ? 0 : (double)(lines - partly - none) / lines,
            Money.ToCny(exFarmFen),
            Money.ToCny(transportFen),
            Money.ToCny(landedFen),
            allocatedKg == 0 ? 0 : Math.Round(Money.ToCny(landedFen) / allocatedKg, 4, MidpointRounding.AwayFromZero),
            Math.Round(tonKm, 2),
            povertyKg,
            byProvince.Sum(p => p.Cny),
            allocatedKg == 0 ? 0 : 100.0 * povertyKg / allocatedKg,
            byProvince.Sum(p => p.Households),
            byProvince,
            byCounty,
            UnmetByReason(unmet));
    }

    /// <summary>Ex-farm purchases from poverty-linked bases, and the households of the bases that sold.</summary>
    private static (IReadOnlyList<ProvincePurchase>, IReadOnlyList<CountyPurchase>) PovertyPurchases(ProblemIndex index, IReadOnlyList<Allocation> allocations)
    {
        var bases = index.Bases.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var sold = allocations
            .Select(a => (Base: bases[a.BaseId], a.Kg, Fen: Money.ToFen(a.ExFarmCnyPerKg) * a.Kg))
            .Where(s => s.Base.PovertyLinked)
            .GroupBy(s => s.Base.Id, StringComparer.Ordinal)
            .Select(g => (Base: g.First().Base, Kg: g.Sum(s => (long)s.Kg), Fen: g.Sum(s => s.Fen)))
            .ToList();
        var byCounty = sold
            .GroupBy(s => (s.Base.Province, s.Base.CountyZh, s.Base.CountyEn))
            .Select(g => new CountyPurchase(g.Key.Province, g.Key.CountyZh, g.Key.CountyEn, g.Sum(s => s.Kg), Money.ToCny(g.Sum(s => s.Fen)), g.Sum(s => s.Base.PoorHouseholds)))
            .OrderBy(c => c.Province).ThenBy(c => c.CountyEn, StringComparer.Ordinal).ThenBy(c => c.CountyZh, StringComparer.Ordinal)
            .ToList();
        var byProvince = sold
            .GroupBy(s => s.Base.Province)
            .Select(g => new ProvincePurchase(g.Key, g.Sum(s => s.Kg), Money.ToCny(g.Sum(s => s.Fen)), g.Sum(s => s.Base.PoorHouseholds)))
            .OrderBy(p => p.Province)
            .ToList();
        return (byProvince, byCounty);
    }

    private static IReadOnlyList<UnmetByReason> UnmetByReason(IReadOnlyList<UnmetLine> unmet) =>
        unmet.GroupBy(u => u.Reason)
            .Select(g => new UnmetByReason(g.Key, g.Sum(u => (long)u.UnmetKg), g.Count()))
            .OrderBy(r => r.Reason)
            .ToList();
}
