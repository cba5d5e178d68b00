namespace SupplyMatch.Core.Logistics;

/// <summary>
/// A candidate way to send kg of lot <see cref="Lot"/> to line <see cref="Line"/>: a path, the day the lot leaves its base,
/// the line-haul lane day and the delivery day, with its per-kg costs in fen. Trucks are priced on the bin (lane, lane
/// day, storage class) the arc loads, not here.
/// </summary>
internal readonly record struct PathArc(
    int Lot,
    int Line,
    PathKind Path,
    int ShipDay,
    int LaneDay,
    int DeliveryDay,
    int FreshnessPercent,
    int Origin,
    int Destination,
    int StorageClass,
    int ExFarmFen,
    int BonusFen,
    int FeederFen,
    int HubFen,
    int DcFen,
    int LocalFen,
    int QuotedTariffFen)
{
    /// <summary>Index of the arc's bin once bins are numbered (-1 before).</summary>
    public int Bin { get; init; } = -1;

    /// <summary>Objective cost per kg without trucks: ex-farm - bonus + feeder + hub handling + DC handling + city delivery, fen.</summary>
    public int KgCostFen => ExFarmFen - BonusFen + FeederFen + HubFen + DcFen + LocalFen;

    /// <summary>Transport paid per kg (feeder, handling, city delivery), fen.</summary>
    public int KgTransportFen => FeederFen + HubFen + DcFen + LocalFen;

    /// <summary>Whether two arcs are the same choice (lot, line, path, ship day).</summary>
    public bool SameChoice(in PathArc other) =>
        Lot == other.Lot && Line == other.Line && Path == other.Path && ShipDay == other.ShipDay;
}

/// <summary>A bin: the trucks of one lane on one lane day for one storage class (one temperature set point per truck).</summary>
/// <param name="MaxKg">Upper bound on the kg the bin can ever carry (per product: min of reachable supply and demand).</param>
/// <param name="RateMilliFen">Envelope truck cost per kg for loads up to <paramref name="MaxKg"/>, milli-fen.</param>
internal sealed record Bin(int Origin, int Destination, int Day, int StorageClass, int DistanceDm, long MaxKg, long RateMilliFen, TruckCover Cover);
