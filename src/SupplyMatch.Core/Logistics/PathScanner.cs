using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Enumerates the candidate path arcs of one line over the lots of its product (MODEL.md "Logistics", candidate
/// paths), recording how far the best lot got through the filters. One scanner per thread: it caches path plans
/// per base for the line being scanned.
/// </summary>
internal sealed class PathScanner
{
    private static readonly PathKind[] Kinds = [PathKind.Direct, PathKind.ViaDc, PathKind.ViaHub, PathKind.ViaHubDc];

    private readonly LogisticsNetwork _network;
    private readonly bool _anyShipDay;
    private readonly PathPlan[] _plans;
    private readonly int[] _stamp;
    private readonly bool[] _coldChainExists;
    private int _scan;

    public PathScanner(LogisticsNetwork network, LogisticsSettings settings)
    {
        _network = network;
        _anyShipDay = settings.AnyShipDay;
        _plans = new PathPlan[network.Index.Bases.Length * Kinds.Length];
        _stamp = new int[network.Index.Bases.Length];
        _coldChainExists = [network.Legs.Eligible(cold: false).Length > 0, network.Legs.Eligible(cold: true).Length > 0];
    }

    /// <summary>
    /// Appends the arcs of line <paramref name="d"/> to <paramref name="arcs"/> in (lot, path, ship day) order and returns
    /// the furthest filter stage reached (6 = compatible), as in <see cref="CandidateArcs"/>.
    /// </summary>
    public int Scan(int d, List<PathArc> arcs, int[]? onlyLots = null)
    {
        var index = _network.Index;
        var line = index.Lines[d];
        var product = Array.BinarySearch(index.ProductCodes, line.ProductCode, StringComparer.Ordinal);
        var shelf = index.Products[product].ShelfLifeDays;
        var storage = (int)index.Products[product].Storage;
        var cold = storage != 0;
        var u = index.LineBuyer[d];
        var maxAge = shelf - (((line.MinFreshnessPercent * shelf) + 99) / 100);
        _scan++;
        var stage = -1;
        foreach (var s in onlyLots ?? index.LotsByProduct[product])
        {
            var lot = index.Lots[s];
            var b = index.LotBase[s];
            var reached = (int)lot.Grade < (int)line.MinGrade ? 0
                : !index.Certified(b, u) ? 1
                : !_coldChainExists[cold ? 1 : 0] ? 2
                : EmitPaths(s, d, b, u, (cold, storage, shelf, maxAge), arcs);
            stage = Math.Max(stage, reached);
        }

        return stage;
    }

    /// <summary>Every path kind and ship day of one (lot, line); returns the furthest stage (2..6) over the paths.</summary>
    private int EmitPaths(int s, int d, int b, int u, (bool Cold, int Storage, int Shelf, int MaxAge) product, List<PathArc> arcs)
    {
        var index = _network.Index;
        var lot = index.Lots[s];
        var line = index.Lines[d];
        var from = lot.AvailableFrom.DayNumber;
        var to = lot.AvailableTo.DayNumber;
        var harvest = lot.HarvestDate.DayNumber;
        var price = index.LotPriceFen[s];
        var quoted = index.CompactLeg(b, u, product.Cold).TariffFen;
        var stage = 2;
        for (var k = 0; k < Kinds.Length; k++)
        {
            ref readonly var plan = ref PlanOf(b, u, k, product.Cold);
            if (!plan.Feasible)
            {
                continue;
            }

            var offset = plan.HubDays + plan.DeliveryDays;
            var first = Math.Max(from, line.Earliest.DayNumber - offset);
            var last = Math.Min(to, line.Latest.DayNumber - offset);
            var freshLast = Math.Min(last, harvest + product.MaxAge - offset);
            var reached = first > last ? 3 : first > freshLast ? 4 : price + quoted > index.LineCeilingFen[d] ? 5 : 6;
            stage = Math.Max(stage, reached);
            if (reached < 6)
            {
                continue;
            }

            for (var p = first; p <= (_anyShipDay ? freshLast : first); p++)
            {
                arcs.Add(Make(s, d, Kinds[k], plan, p, product.Storage, product.Shelf));
            }
        }

        return stage;
    }

    /// <summary>The arc of (lot, line, path, ship day), e.g. to rebuild an arc kept only by those four numbers.</summary>
    public PathArc Arc(int s, int d, PathKind kind, int shipDay)
    {
        var index = _network.Index;
        var product = index.Products[Array.BinarySearch(index.ProductCodes, index.Lots[s].ProductCode, StringComparer.Ordinal)];
        var plan = _network.Path(index.LotBase[s], index.LineBuyer[d], kind, product.NeedsColdChain);
        return Make(s, d, kind, plan, shipDay, (int)product.Storage, product.ShelfLifeDays);
    }

    private PathArc Make(int s, int d, PathKind kind, in PathPlan plan, int shipDay, int storage, int shelf)
    {
        var index = _network.Index;
        var lot = index.Lots[s];
        var offset = plan.HubDays + plan.DeliveryDays;
        var bonus = index.Bases[index.LotBase[s]].PovertyLinked ? (int)Transport.Money.ToFen(index.Settings.PovertyBonusCnyPerKg) : 0;
        var freshness = Transport.TransportModel.FreshnessPercent(shelf, shipDay + offset - lot.HarvestDate.DayNumber);
        var quoted = index.CompactLeg(index.LotBase[s], index.LineBuyer[d], storage != 0).TariffFen;
        return new PathArc(s, d, kind, shipDay, shipDay + plan.HubDays, shipDay + offset, freshness, plan.Origin, plan.Destination, storage,
            index.LotPriceFen[s], bonus, plan.FeederFen, plan.HubFen, plan.DcFen, plan.LocalFen, quoted);
    }

    private ref readonly PathPlan PlanOf(int b, int u, int k, bool cold)
    {
        if (_stamp[b] != _scan)
        {
            _stamp[b] = _scan;
            for (var i = 0; i < Kinds.Length; i++)
            {
                _plans[(b * Kinds.Length) + i] = _network.Path(b, u, Kinds[i], cold);
            }
        }

        return ref _plans[(b * Kinds.Length) + k];
    }
}
