using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Check 6, first half: every KPI recomputed from the priced allocations and the recomputed unmet reasons, following
/// the definitions on <see cref="Kpis"/> and in MODEL.md "KPIs".
/// </summary>
internal static class KpiCalculator
{
    public static Kpis Compute(CheckContext context, ScanResult scan)
    {
        var costed = context.Costed;
        var demandKg = context.Lines.Sum(l => (long)l.QuantityKg);
        var allocatedKg = costed.Sum(a => (long)a.Kg);
        var fullyMet = 0;
        var partlyMet = 0;
        for (var d = 0; d < context.Lines.Length; d++)
        {
            var allocated = context.LineAllocatedKg[d];
            fullyMet += allocated >= context.Lines[d].QuantityKg ? 1 : 0;
            partlyMet += allocated > 0 && allocated < context.Lines[d].QuantityKg ? 1 : 0;
        }

        var exFarm = Money.ToCny(costed.Sum(a => a.ExFarmFen * a.Kg));
        var transport = Money.ToCny(costed.Sum(a => a.TariffFen * a.Kg));
        var landed = exFarm + transport;
        var poverty = costed.Where(a => context.LotBase[a.Lot]!.PovertyLinked).ToList();
        var povertyKg = poverty.Sum(a => (long)a.Kg);
        var lines = context.Lines.Length;
        return new Kpis(
            demandKg,
            allocatedKg,
            demandKg == 0 ? 0 : (double)allocatedKg / demandKg,
            lines,
            fullyMet,
            partlyMet,
            lines - fullyMet - partlyMet,
            lines == 0 ? 0 : (double)fullyMet / lines,
            exFarm,
            transport,
            landed,
            allocatedKg == 0 ? 0m : Math.Round(landed / allocatedKg, 4, MidpointRounding.AwayFromZero),
            Math.Round(costed.Sum(a => a.Kg * a.DistanceKm) / 1000.0, 2),
            povertyKg,
            Money.ToCny(poverty.Sum(a => a.ExFarmFen * a.Kg)),
            allocatedKg == 0 ? 0 : 100.0 * povertyKg / allocatedKg,
            Households(context, poverty),
            ByProvince(context, poverty),
            ByCounty(context, poverty),
            UnmetByReason(context, scan));
    }

    private static int Households(CheckContext context, IEnumerable<CostedAllocation> allocations) =>
        allocations.Where(a => a.Kg > 0).Select(a => context.LotBase[a.Lot]!).DistinctBy(b => b.Id).Sum(b => b.PoorHouseholds);

    private static List<ProvincePurchase> ByProvince(CheckContext context, List<CostedAllocation> poverty) =>
        poverty.GroupBy(a => context.LotBase[a.Lot]!.Province)
            .Select(g => new ProvincePurchase(g.Key, g.Sum(a => (long)a.Kg), Money.ToCny(g.Sum(a => a.ExFarmFen * a.Kg)), Households(context, g)))
            .Where(p => p.Kg > 0)
            .OrderBy(p => p.Province)
            .ToList();

    private static List<CountyPurchase> ByCounty(CheckContext context, List<CostedAllocation> poverty) =>
        poverty.GroupBy(a => CountyOf(context.LotBase[a.Lot]!))
            .Select(g => new CountyPurchase(g.Key.Province, g.Key.Zh, g.Key.En, g.Sum(a => (long)a.Kg), Money.ToCny(g.Sum(a => a.ExFarmFen * a.Kg)), Households(context, g)))
            .Where(c => c.Kg > 0)
            .OrderBy(c => c.Province)
            .ThenBy(c => c.CountyEn, StringComparer.Ordinal)
            .ThenBy(c => c.CountyZh, StringComparer.Ordinal)
            .ToList();

    private static (Province Province, string Zh, string En) CountyOf(Base origin) => (origin.Province, origin.CountyZh, origin.CountyEn);

    private static List<UnmetByReason> UnmetByReason(CheckContext context, ScanResult scan) =>
        Enumerable.Range(0, context.Lines.Length)
            .Where(d => context.UnmetKg(d) > 0)
            .GroupBy(d => UnmetChecks.ExpectedReason(scan.Lines[d]))
            .Select(g => new UnmetByReason(g.Key, g.Sum(context.UnmetKg), g.Count()))
            .OrderBy(u => u.Reason)
            .ToList();
}
