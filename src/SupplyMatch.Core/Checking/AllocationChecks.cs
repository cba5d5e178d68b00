using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Checks 1 and 2: every allocation names a real lot and line of one product with consistent ids and positive kg,
/// is a candidate arc (grade, certification, cold chain, days, freshness, price ceiling) and states the per-kg
/// figures the rules give. Prices each allocation and totals kg per lot and line for the later families.
/// </summary>
internal static class AllocationChecks
{
    public static void Run(CheckContext context)
    {
        foreach (var a in context.Result.Allocations)
        {
            if (Resolve(context, a) is not { } pair)
            {
                continue;
            }

            var (lot, line) = pair;

            if (!context.AllocatedPairs.Add((lot, line)))
            {
                context.Issues.Add("duplicate-allocation", $"lot {a.LotId} -> line {a.LineId} is allocated more than once (one arc, one allocation)");
            }

            context.LotAllocatedKg[lot] += a.Kg;
            context.LineAllocatedKg[line] += a.Kg;
            context.Costed.Add(Price(context, a, lot, line));
        }
    }

    /// <summary>Resolves ids and checks their consistency; null when the pair cannot be evaluated at all.</summary>
    private static (int Lot, int Line)? Resolve(CheckContext context, Allocation a)
    {
        var issues = context.Issues;
        var knownLot = context.LotIndex.TryGetValue(a.LotId, out var lot);
        var knownLine = context.LineIndex.TryGetValue(a.LineId, out var line);
        if (!knownLot || !knownLine)
        {
            issues.Add(knownLot ? "unknown-line" : "unknown-lot", $"allocation {a.LotId} -> {a.LineId} names a {(knownLot ? "line" : "lot")} that is not in the problem");
            return null;
        }

        var l = context.Lots[lot];
        var d = context.Lines[line];
        if (a.Kg <= 0)
        {
            issues.Add("kg-not-positive", $"allocation {a.LotId} -> {a.LineId} has {Fmt.Kg(a.Kg)}; kg must be a positive integer");
        }

        if (a.BaseId != l.BaseId)
        {
            issues.Add("base-mismatch", $"allocation {a.LotId} -> {a.LineId} states base {a.BaseId}, lot {l.Id} is from base {l.BaseId}");
        }

        if (a.BuyerId != d.BuyerId)
        {
            issues.Add("buyer-mismatch", $"allocation {a.LotId} -> {a.LineId} states buyer {a.BuyerId}, line {d.Id} is from buyer {d.BuyerId}");
        }

        if (l.ProductCode != d.ProductCode || a.ProductCode != l.ProductCode)
        {
            issues.Add("product-mismatch", $"allocation {a.LotId} -> {a.LineId} states product {a.ProductCode}; lot {l.Id} is {l.ProductCode}, line {d.Id} is {d.ProductCode}");
            return null;
        }

        return context.LotBase[lot] is null || context.LotProduct[lot] is null || context.LineBuyer[line] is null ? null : (lot, line);
    }

    private static CostedAllocation Price(CheckContext context, Allocation a, int lot, int line)
    {
        var l = context.Lots[lot];
        var d = context.Lines[line];
        var issues = context.Issues;
        var arc = $"allocation {a.LotId} -> {a.LineId}";
        if (l.Grade < d.MinGrade)
        {
            issues.Add("grade-too-low", $"{arc}: lot grade {l.Grade} is below the line's minimum grade {d.MinGrade}");
        }

        var missing = PairRules.MissingCertifications(context.LotBase[lot]!, context.LineBuyer[line]!);
        if (missing.Count > 0)
        {
            issues.Add("certification-missing", $"{arc}: buyer {d.BuyerId} requires {string.Join(", ", missing)}, which base {l.BaseId} does not hold");
        }

        var leg = context.Rules.Leg(lot, line);
        var exFarm = context.LotExFarmFen[lot];
        var bonus = context.LotBonusFen[lot];
        CheckRate(issues, "exfarm-mismatch", arc, "ex-farm", a.ExFarmCnyPerKg, exFarm);
        CheckRate(issues, "bonus-mismatch", arc, "poverty bonus", a.PovertyBonusCnyPerKg, bonus);
        if (!leg.Feasible)
        {
            issues.Add("no-cold-chain", $"{arc}: product {l.ProductCode} needs a refrigerated vehicle and no vehicle type is refrigerated");
            return new CostedAllocation(lot, line, a.Kg, exFarm, 0, bonus, leg.DistanceKm);
        }

        TimingChecks.Run(context, a, lot, line, leg.DeliveryOffsetDays);
        CheckRate(issues, "transport-mismatch", arc, "transport", a.TransportCnyPerKg, leg.TariffFenPerKg);
        CheckRate(issues, "landed-mismatch", arc, "landed", a.LandedCnyPerKg, exFarm + leg.TariffFenPerKg);
        if (exFarm + leg.TariffFenPerKg > context.LineCeilingFen[line])
        {
            issues.Add("too-expensive", $"{arc}: landed {Fmt.Rate(Money.ToCny(exFarm + leg.TariffFenPerKg))} is above the line's ceiling {Fmt.Rate(d.MaxLandedCnyPerKg)}");
        }

        if (Math.Abs(a.DistanceKm - leg.DistanceKm) > 1e-6)
        {
            issues.Add("distance-mismatch", $"{arc}: states {Fmt.Num(a.DistanceKm)} km, the road distance is {Fmt.Num(leg.DistanceKm)} km");
        }

        return new CostedAllocation(lot, line, a.Kg, exFarm, leg.TariffFenPerKg, bonus, leg.DistanceKm);
    }

    private static void CheckRate(IssueLog issues, string code, string arc, string what, decimal stated, long fen)
    {
        if (stated != Money.ToCny(fen))
        {
            issues.Add(code, $"{arc}: states {what} {Fmt.Rate(stated)}, the rules give {Fmt.Rate(Money.ToCny(fen))}");
        }
    }
}
