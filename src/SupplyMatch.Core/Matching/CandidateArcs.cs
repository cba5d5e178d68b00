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
        var lots = ProductLots.Of(index, product);
        var lines = index.LinesByProduct[product];
        var shelf = index.Products[product].ShelfLifeDays;
        var cold = index.Products[product].NeedsColdChain;
        var rejected = new long[ReasonOfStage.Length + 1];
        var arcs = new List<Arc>();
        foreach (var d in lines)
        {
            var diagnosis = Scan(index, lots, d, shelf, cold, arcs, rejected);
            diagnosis.SameProductLots = lots.Count;
            diagnoses[d] = diagnosis;
        }

        return new ProductArcs(product, [.. arcs], (long)lots.Count * lines.Length, rejected);
    }

    /// <summary>Runs the filters over every lot of the product for line <paramref name="d"/>.</summary>
    private static LineDiagnosis Scan(ProblemIndex index, ProductLots lots, int d, int shelf, bool cold, List<Arc> arcs, long[] rejected)
    {
        var line = index.Lines[d];
        var scan = new LineScan
        {
            Line = d,
            Buyer = index.LineBuyer[d],
            Cold = cold,
            Shelf = shelf,
            MinGrade = (int)line.MinGrade,
            Earliest = line.Earliest.DayNumber,
            Latest = line.Latest.DayNumber,
            MaxAge = shelf - (((line.MinFreshnessPercent * shelf) + 99) / 100),
            Ceiling = index.LineCeilingFen[d],
        };
        for (var i = 0; i < lots.Count; i++)
        {
            var reached = Evaluate(index, lots, i, ref scan, arcs);
            if (reached < ReasonOfStage.Length)
            {
                rejected[(int)ReasonOfStage[reached]]++;
            }

            scan.Diagnosis.Stage = Math.Max(scan.Diagnosis.Stage, reached);
        }

        scan.Diagnosis.BestFreshness = scan.MinAge == int.MaxValue ? int.MinValue : TransportModel.FreshnessPercent(shelf, scan.MinAge);
        return scan.Diagnosis;
    }

    /// <summary>
    /// The filters of MODEL.md in order; returns how many passed (6 = compatible, arc added). Freshness is tested
    /// as an age limit in whole days, the same condition as the floored percentage:
    /// floor(100 (shelf - age) / shelf) >= m  iff  age &lt;= shelf - ceil(m shelf / 100).
    /// </summary>
    private static int Evaluate(ProblemIndex index, ProductLots lots, int i, ref LineScan scan, List<Arc> arcs)
    {
        ref var diagnosis = ref scan.Diagnosis;
        diagnosis.BestGrade = Math.Max(diagnosis.BestGrade, lots.Grade[i]);
        if (lots.Grade[i] < scan.MinGrade)
        {
            return 0;
        }

        var b = lots.Base[i];
        if (!index.Certified(b, scan.Buyer))
        {
            diagnosis.CertificationBase = diagnosis.CertificationBase < 0 ? b : diagnosis.CertificationBase;
            return 1;
        }

        ref readonly var leg = ref index.CompactLeg(b, scan.Buyer, scan.Cold);
        if (!leg.Feasible)
        {
            return 2;
        }

        var firstShip = Math.Max(lots.From[i], scan.Earliest - leg.OffsetDays);
        var lastShip = Math.Min(lots.To[i], scan.Latest - leg.OffsetDays);
        diagnosis.EarliestDeliveryDay = Math.Min(diagnosis.EarliestDeliveryDay, lots.From[i] + leg.OffsetDays);
        diagnosis.LatestDeliveryDay = Math.Max(diagnosis.LatestDeliveryDay, lots.To[i] + leg.OffsetDays);
        if (firstShip > lastShip)
        {
            return 3;
        }

        var age = firstShip + leg.OffsetDays - lots.Harvest[i];
        scan.MinAge = Math.Min(scan.MinAge, age);
        if (age > scan.MaxAge)
        {
            return 4;
        }

        var landed = lots.PriceFen[i] + leg.TariffFen;
        diagnosis.CheapestLandedFen = Math.Min(diagnosis.CheapestLandedFen, landed);
        if (landed > scan.Ceiling)
        {
            return 5;
        }

        diagnosis.CompatibleLots++;
        arcs.Add(new Arc(lots.Lot[i], scan.Line, firstShip, firstShip + leg.OffsetDays, TransportModel.FreshnessPercent(scan.Shelf, age),
            leg.DistanceDm, lots.PriceFen[i], leg.TariffFen, lots.BonusFen[i]));
        return 6;
    }

    /// <summary>One line's constants and running diagnosis while its lots are scanned.</summary>
    private struct LineScan
    {
        public int Line;
        public int Buyer;
        public bool Cold;
        public int Shelf;
        public int MinGrade;
        public int Earliest;
        public int Latest;
        public int MaxAge;
        public int Ceiling;
        public int MinAge;
        public LineDiagnosis Diagnosis;

        public LineScan()
        {
            MinAge = int.MaxValue;
            Diagnosis = new LineDiagnosis
            {
                Stage = -1,
                CertificationBase = -1,
                CheapestLandedFen = int.MaxValue,
                EarliestDeliveryDay = int.MaxValue,
                LatestDeliveryDay = int.MinValue,
            };
        }
    }
}
