using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>A compatible (lot, line) pair: integer fen per kg, ship and delivery day numbers.</summary>
internal readonly record struct Arc(
    int Lot,
    int Line,
    int ShipDay,
    int DeliveryDay,
    int FreshnessPercent,
    int DistanceDm,
    int ExFarmFen,
    int TransportFen,
    int BonusFen)
{
    /// <summary>Road distance, km (0.1 km resolution).</summary>
    public double DistanceKm => DistanceDm / 10.0;

    /// <summary>Ex-farm plus transport, fen/kg.</summary>
    public int LandedFen => ExFarmFen + TransportFen;

    /// <summary>Objective coefficient: landed cost net of the poverty bonus, fen/kg.</summary>
    public int CostFen => ExFarmFen + TransportFen - BonusFen;
}

/// <summary>
/// How far the best same-product lot got through the filters for one line, with the numbers an
/// explanation needs. Stages follow MODEL.md's order; <see cref="Stage"/> 6 means compatible.
/// </summary>
internal struct LineDiagnosis
{
    public int Stage;
    public int SameProductLots;
    public int CompatibleLots;
    public int BestGrade;
    public int CertificationBase;
    public int BestFreshness;
    public int CheapestLandedFen;
    public int EarliestDeliveryDay;
    public int LatestDeliveryDay;

    public static LineDiagnosis Empty => new()
    {
        Stage = -1,
        CertificationBase = -1,
        BestFreshness = int.MinValue,
        CheapestLandedFen = int.MaxValue,
        EarliestDeliveryDay = int.MaxValue,
        LatestDeliveryDay = int.MinValue,
    };
}

/// <summary>Candidate arcs of one product, in (line, lot) order.</summary>
internal sealed record ProductArcs(int Product, Arc[] Arcs, long SameProductPairs, long[] RejectedByReason);

/// <summary>
/// Builds candidate arcs per product following MODEL.md ("Candidate arcs"), recording every
/// rejected same-product pair under its reason and, per line, how far its best lot got.
/// </summary>
internal static class CandidateArcs
{
    /// <summary>Stage numbers: each is the count of filters passed.</summary>
    private static readonly UnmetReason[] ReasonOfStage =
    [
        UnmetReason.GradeTooLow, UnmetReason.CertificationMissing, UnmetReason.NoColdChain,
        UnmetReason.NoSupplyInWindow, UnmetReason.NotFreshEnough, UnmetReason.TooExpensive,
    ];

    /// <summary>Reason for a line whose best lot stopped at <paramref name="stage"/> (0..5).</summary>
    public static UnmetReason ReasonOf(int stage) => ReasonOfStage[stage];

    /// <summary>Builds the arcs of one product; fills <paramref name="diagnoses"/> for that product's lines.</summary>
    public static ProductArcs Build(ProblemIndex index, int product, LineDiagnosis[] diagnoses)
    {
        var lots = index.LotsByProduct[product];
        var lines = index.LinesByProduct[product];
        var productInfo = index.Products[product];
        var bonusFen = (int)Money.ToFen(index.Settings.PovertyBonusCnyPerKg);
        var rejected = new long[ReasonOfStage.Length + 1];
        var arcs = new List<Arc>();
        foreach (var d in lines)
        {
            var diagnosis = LineDiagnosis.Empty;
            diagnosis.SameProductLots = lots.Length;
            foreach (var s in lots)
            {
                var stage = Evaluate(index, productInfo, s, d, bonusFen, ref diagnosis, out var arc);
                if (stage == ReasonOfStage.Length)
                {
                    arcs.Add(arc);
                    diagnosis.CompatibleLots++;
                }
                else
                {
                    rejected[(int)ReasonOf(stage)]++;
                }

                diagnosis.Stage = Math.Max(diagnosis.Stage, stage);
            }

            diagnoses[d] = diagnosis;
        }

        return new ProductArcs(product, [.. arcs], (long)lots.Length * lines.Length, rejected);
    }

    /// <summary>Runs the filters in order; returns how many passed (6 = compatible, with <paramref name="arc"/> set).</summary>
    private static int Evaluate(ProblemIndex index, Product product, int s, int d, int bonusFen, ref LineDiagnosis diagnosis, out Arc arc)
    {
        arc = default;
        var lot = index.Lots[s];
        var line = index.Lines[d];
        diagnosis.BestGrade = Math.Max(diagnosis.BestGrade, (int)lot.Grade);
        if (lot.Grade < line.MinGrade)
        {
            return 0;
        }

        var b = index.LotBase[s];
        var u = index.LineBuyer[d];
        if (!index.Certified(b, u))
        {
            if (diagnosis.CertificationBase < 0)
            {
                diagnosis.CertificationBase = b;
            }

            return 1;
        }

        var leg = index.Leg(b, u, product.NeedsColdChain);
        if (!leg.Feasible)
        {
            return 2;
        }

        var firstShip = Math.Max(lot.AvailableFrom.DayNumber, line.Earliest.DayNumber - leg.DeliveryOffsetDays);
        var lastShip = Math.Min(lot.AvailableTo.DayNumber, line.Latest.DayNumber - leg.DeliveryOffsetDays);
        diagnosis.EarliestDeliveryDay = Math.Min(diagnosis.EarliestDeliveryDay, lot.AvailableFrom.DayNumber + leg.DeliveryOffsetDays);
        diagnosis.LatestDeliveryDay = Math.Max(diagnosis.LatestDeliveryDay, lot.AvailableTo.DayNumber + leg.DeliveryOffsetDays);
        if (firstShip > lastShip)
        {
            return 3;
        }

        var delivery = firstShip + leg.DeliveryOffsetDays;
        var freshness = TransportModel.FreshnessPercent(product, lot.HarvestDate, DateOnly.FromDayNumber(delivery));
        diagnosis.BestFreshness = Math.Max(diagnosis.BestFreshness, freshness);
        if (freshness < line.MinFreshnessPercent)
        {
            return 4;
        }

        var exFarm = index.LotPriceFen[s];
        var landed = exFarm + (int)leg.TariffFenPerKg;
        diagnosis.CheapestLandedFen = Math.Min(diagnosis.CheapestLandedFen, landed);
        if (landed > index.LineCeilingFen[d])
        {
            return 5;
        }

        var bonus = index.Bases[b].PovertyLinked ? bonusFen : 0;
        arc = new Arc(s, d, firstShip, delivery, freshness, (int)Math.Round(leg.DistanceKm * 10), exFarm, (int)leg.TariffFenPerKg, bonus);
        return 6;
    }
}
