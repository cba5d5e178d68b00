using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// How far a (lot, line) pair got through the filters of MODEL.md "Candidate arcs", in their order: the stage is the
/// first filter it failed, or <see cref="Compatible"/>.
/// </summary>
internal enum PairStage
{
    None = 0,
    GradeTooLow = 1,
    CertificationMissing = 2,
    NoColdChain = 3,
    NoSupplyInWindow = 4,
    NotFreshEnough = 5,
    TooExpensive = 6,
    Compatible = 7,
}

/// <summary>
/// The verdict on one pair. Fields computed before the failing filter are set: the leg from stage
/// <see cref="PairStage.NoSupplyInWindow"/> on, the days and freshness from <see cref="PairStage.NotFreshEnough"/>
/// on, the landed price from <see cref="PairStage.TooExpensive"/> on.
/// </summary>
internal readonly record struct PairVerdict(
    PairStage Stage,
    TransportLeg Leg,
    DateOnly ShipDay,
    DateOnly DeliveryDay,
    int FreshnessPercent,
    long LandedFen)
{
    public bool IsCompatible => Stage == PairStage.Compatible;
}

/// <summary>The candidate-arc rules of MODEL.md, evaluated on the checker's own code path (legs come from <see cref="TransportModel"/>).</summary>
internal sealed class PairRules(CheckContext context)
{
    private readonly TransportModel _transport = new(context.Problem.Reference, context.Settings);
    private readonly Dictionary<long, TransportLeg> _legs = [];

    public static PairStage StageOf(UnmetReason reason) => reason switch
    {
        UnmetReason.GradeTooLow => PairStage.GradeTooLow,
        UnmetReason.CertificationMissing => PairStage.CertificationMissing,
        UnmetReason.NoColdChain => PairStage.NoColdChain,
        UnmetReason.NoSupplyInWindow => PairStage.NoSupplyInWindow,
        UnmetReason.NotFreshEnough => PairStage.NotFreshEnough,
        UnmetReason.TooExpensive => PairStage.TooExpensive,
        _ => PairStage.Compatible,
    };

    public static UnmetReason ReasonOf(PairStage stage) => stage switch
    {
        PairStage.GradeTooLow => UnmetReason.GradeTooLow,
        PairStage.CertificationMissing => UnmetReason.CertificationMissing,
        PairStage.NoColdChain => UnmetReason.NoColdChain,
        PairStage.NotFreshEnough => UnmetReason.NotFreshEnough,
        PairStage.TooExpensive => UnmetReason.TooExpensive,
        PairStage.Compatible => UnmetReason.OutCompeted,
        _ => UnmetReason.NoSupplyInWindow,
    };

    /// <summary>Remaining shelf life at delivery, % rounded down, in integer arithmetic: floor(100 x (shelf - age) / shelf).</summary>
    public static int FreshnessPercent(int shelfLifeDays, DateOnly harvest, DateOnly delivery)
    {
        if (shelfLifeDays <= 0)
        {
            return int.MinValue;
        }

        var numerator = 100L * (shelfLifeDays - (delivery.DayNumber - harvest.DayNumber));
        var quotient = numerator / shelfLifeDays;
        return (int)(numerator % shelfLifeDays < 0 ? quotient - 1 : quotient);
    }

    /// <summary>The buyer's required certifications the lot's base does not hold, ordinal order.</summary>
    public static IReadOnlyList<string> MissingCertifications(Base origin, Buyer buyer) =>
        buyer.RequiredCertifications.Count == 0
            ? []
            : buyer.RequiredCertifications.Where(c => !origin.Certifications.Contains(c)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The leg from the lot's base to the line's buyer for the lot's product (cached per base, buyer and cold chain).</summary>
    public TransportLeg Leg(int lot, int line)
    {
        var cold = context.LotProduct[lot]!.NeedsColdChain;
        var key = ((((long)context.LotBaseIndex[lot] * context.BuyerCount) + context.LineBuyerIndex[line]) * 2) + (cold ? 1 : 0);
        if (!_legs.TryGetValue(key, out var leg))
        {
            leg = _transport.Leg(context.LotBase[lot]!, context.LineBuyer[line]!, cold);
            _legs[key] = leg;
        }

        return leg;
    }

    /// <summary>First ship day in the lot's window whose delivery falls in the line's window, or null when none does.</summary>
    public DateOnly? EarliestShipDay(int lot, int line, int offsetDays)
    {
        var l = context.Lots[lot];
        var d = context.Lines[line];
        var first = Max(l.AvailableFrom, d.Earliest.AddDays(-offsetDays));
        var last = Min(l.AvailableTo, d.Latest.AddDays(-offsetDays));
        return first <= last ? first : null;
    }

    /// <summary>Runs the filters in MODEL.md order; lot and line must have known references and the same product.</summary>
    public PairVerdict Evaluate(int lot, int line)
    {
        var l = context.Lots[lot];
        var d = context.Lines[line];
        if (l.Grade < d.MinGrade)
        {
            return default(PairVerdict) with { Stage = PairStage.GradeTooLow };
        }

        if (!HoldsAll(context.LotBase[lot]!, context.LineBuyer[line]!))
        {
            return default(PairVerdict) with { Stage = PairStage.CertificationMissing };
        }

        var leg = Leg(lot, line);
        if (!leg.Feasible)
        {
            return default(PairVerdict) with { Stage = PairStage.NoColdChain, Leg = leg };
        }

        if (EarliestShipDay(lot, line, leg.DeliveryOffsetDays) is not { } ship)
        {
            return new PairVerdict(PairStage.NoSupplyInWindow, leg, default, default, 0, 0);
        }

        var delivery = ship.AddDays(leg.DeliveryOffsetDays);
        var fresh = FreshnessPercent(context.LotProduct[lot]!.ShelfLifeDays, l.HarvestDate, delivery);
        if (fresh < d.MinFreshnessPercent)
        {
            return new PairVerdict(PairStage.NotFreshEnough, leg, ship, delivery, fresh, 0);
        }

        var landed = context.LotExFarmFen[lot] + leg.TariffFenPerKg;
        var stage = landed > context.LineCeilingFen[line] ? PairStage.TooExpensive : PairStage.Compatible;
        return new PairVerdict(stage, leg, ship, delivery, fresh, landed);
    }

    private static bool HoldsAll(Base origin, Buyer buyer)
    {
        if (buyer.RequiredCertifications.Count == 0)
        {
            return true;
        }

        foreach (var certification in buyer.RequiredCertifications)
        {
            if (!origin.Certifications.Contains(certification))
            {
                return false;
            }
        }

        return true;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
