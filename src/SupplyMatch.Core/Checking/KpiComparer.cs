using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Check 6, second half: the stated KPIs against the recomputed ones, field by field. Integers and decimals must be
/// equal; doubles agree to <see cref="RelativeTolerance"/>; the breakdown lists must have the same entries in the
/// same order.
/// </summary>
internal static class KpiComparer
{
    public const double RelativeTolerance = 1e-6;

    // Ton-km is stated to 2 decimals; a plan written before that states the unrounded sum, which is as right.
    private const double TonKmRounding = 0.005 + 1e-9;

    public static void Compare(CheckContext context, Kpis stated, Kpis recomputed)
    {
        var found = new List<string>();
        Exact(found, nameof(Kpis.DemandKg), stated.DemandKg, recomputed.DemandKg);
        Exact(found, nameof(Kpis.AllocatedKg), stated.AllocatedKg, recomputed.AllocatedKg);
        Close(found, nameof(Kpis.FillRateKg), stated.FillRateKg, recomputed.FillRateKg);
        Exact(found, nameof(Kpis.Lines), stated.Lines, recomputed.Lines);
        Exact(found, nameof(Kpis.LinesFullyMet), stated.LinesFullyMet, recomputed.LinesFullyMet);
        Exact(found, nameof(Kpis.LinesPartlyMet), stated.LinesPartlyMet, recomputed.LinesPartlyMet);
        Exact(found, nameof(Kpis.LinesUnmet), stated.LinesUnmet, recomputed.LinesUnmet);
        Close(found, nameof(Kpis.FillRateLines), stated.FillRateLines, recomputed.FillRateLines);
        Exact(found, nameof(Kpis.ExFarmCostCny), stated.ExFarmCostCny, recomputed.ExFarmCostCny);
        Exact(found, nameof(Kpis.TransportCostCny), stated.TransportCostCny, recomputed.TransportCostCny);
        Exact(found, nameof(Kpis.LandedCostCny), stated.LandedCostCny, recomputed.LandedCostCny);
        Exact(found, nameof(Kpis.LandedCnyPerKg), stated.LandedCnyPerKg, recomputed.LandedCnyPerKg);
        Close(found, nameof(Kpis.TonKm), stated.TonKm, recomputed.TonKm, TonKmRounding);
        Exact(found, nameof(Kpis.PovertyLinkedKg), stated.PovertyLinkedKg, recomputed.PovertyLinkedKg);
        Exact(found, nameof(Kpis.PovertyLinkedCny), stated.PovertyLinkedCny, recomputed.PovertyLinkedCny);
        Close(found, nameof(Kpis.PovertySharePercent), stated.PovertySharePercent, recomputed.PovertySharePercent);
        Exact(found, nameof(Kpis.HouseholdsReached), stated.HouseholdsReached, recomputed.HouseholdsReached);
        List(found, nameof(Kpis.PovertyPurchasesByProvince), stated.PovertyPurchasesByProvince, recomputed.PovertyPurchasesByProvince);
        List(found, nameof(Kpis.PovertyPurchasesByCounty), stated.PovertyPurchasesByCounty, recomputed.PovertyPurchasesByCounty);
        List(found, nameof(Kpis.UnmetByReason), stated.UnmetByReason, recomputed.UnmetByReason);
        foreach (var message in found)
        {
            context.Issues.Add("kpi-mismatch", message);
        }
    }

    /// <summary>Relative agreement of two doubles (absolute near zero).</summary>
    public static bool Agree(double a, double b) =>
        Math.Abs(a - b) <= RelativeTolerance * Math.Max(1e-9, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static void Exact<T>(List<string> found, string name, T stated, T recomputed)
    {
        if (!EqualityComparer<T>.Default.Equals(stated, recomputed))
        {
            found.Add($"{name} stated {stated}, recomputed {recomputed}");
        }
    }

    private static void Close(List<string> found, string name, double stated, double recomputed, double rounding = 0)
    {
        if (!Agree(stated, recomputed) && Math.Abs(stated - recomputed) > rounding)
        {
            found.Add($"{name} stated {Fmt.Num(stated)}, recomputed {Fmt.Num(recomputed)}");
        }
    }

    /// <summary>Records compare by value (decimals by numeric value, strings ordinal), entry by entry.</summary>
    private static void List<T>(List<string> found, string name, IReadOnlyList<T> stated, IReadOnlyList<T> recomputed)
    {
        if (stated.Count != recomputed.Count)
        {
            found.Add($"{name} has {stated.Count} entries, recomputed {recomputed.Count}: [{string.Join(", ", recomputed)}]");
            return;
        }

        for (var i = 0; i < stated.Count; i++)
        {
            Exact(found, $"{name}[{i}]", stated[i], recomputed[i]);
        }
    }
}
