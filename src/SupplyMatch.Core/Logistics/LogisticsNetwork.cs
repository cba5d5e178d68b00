using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>How a lot travels to a line (MODEL.md "Logistics"); ⇒ is a whole-truck line-haul lane, → a per-kg leg.</summary>
public enum PathKind
{
    /// <summary>base ⇒ buyer.</summary>
    Direct,

    /// <summary>base ⇒ distribution centre → buyer.</summary>
    ViaDc,

    /// <summary>base → origin hub ⇒ buyer.</summary>
    ViaHub,

    /// <summary>base → origin hub ⇒ distribution centre → buyer.</summary>
    ViaHubDc,
}

/// <summary>The timing and per-kg prices of one path from a base to a buyer for one cold-chain group.</summary>
/// <param name="Origin">Lane origin node: a base index, or base count + origin hub index.</param>
/// <param name="Destination">Lane destination node: a buyer index, or buyer count + distribution centre index.</param>
/// <param name="HubDays">Lane day minus the lot's ship day (waiting for the hub's truck).</param>
/// <param name="DeliveryDays">Delivery day minus lane day.</param>
internal readonly record struct PathPlan(
    bool Feasible, int Origin, int Destination, int HubDays, int DeliveryDays,
    int FeederFen, int HubFen, int DcFen, int LocalFen);

/// <summary>
/// The logistics network of a problem: bases, origin hubs, distribution centres and buyers; each base feeds its
/// nearest origin hub and each buyer is served by its nearest distribution centre; line-haul lanes between them.
/// </summary>
internal sealed class LogisticsNetwork
{
    private readonly HaulLeg[] _lanes;
    private readonly SideLeg[] _feeders;
    private readonly SideLeg[] _locals;

    public LogisticsNetwork(ProblemIndex index, LogisticsSettings settings)
    {
        Index = index;
        Legs = new NetworkLegs(index.Problem.Reference, index.Settings);
        var hubs = settings.UseHubs ? index.Problem.Reference.Hubs.OrderBy(h => h.Id, StringComparer.Ordinal).ToArray() : [];
        OriginHubs = hubs.Where(h => h.Kind == HubKind.OriginHub).ToArray();
        Dcs = hubs.Where(h => h.Kind == HubKind.GbaDc).ToArray();
        DispatchMinute = index.Settings.DispatchHour * 60;
        HaulHandlingMinutes = (int)Math.Round(index.Settings.HandlingHours * 60);
        PickupMinute = settings.PickupHour * 60;
        _feeders = new SideLeg[index.Bases.Length * 2];
        _locals = new SideLeg[index.Buyers.Length * 2];
        _lanes = new HaulLeg[OriginCount * DestinationCount * 2];
        var usedBases = index.LotBase.Distinct().Order().ToArray();
        var usedBuyers = index.LineBuyer.Distinct().Order().ToArray();
        BuildSideLegs(usedBases, usedBuyers, settings);
        BuildLanes(usedBases, usedBuyers);
    }

    public ProblemIndex Index { get; }

    public NetworkLegs Legs { get; }

    public Hub[] OriginHubs { get; }

    public Hub[] Dcs { get; }

    public int DispatchMinute { get; }

    public int HaulHandlingMinutes { get; }

    public int PickupMinute { get; }

    public int OriginCount => Index.Bases.Length + OriginHubs.Length;

    public int DestinationCount => Index.Buyers.Length + Dcs.Length;

    public ref readonly HaulLeg Lane(int origin, int destination, bool cold) => ref _lanes[(((origin * DestinationCount) + destination) * 2) + (cold ? 1 : 0)];

    public ref readonly SideLeg Feeder(int baseIndex, bool cold) => ref _feeders[(baseIndex * 2) + (cold ? 1 : 0)];

    public ref readonly SideLeg Local(int buyer, bool cold) => ref _locals[(buyer * 2) + (cold ? 1 : 0)];

    public string OriginId(int origin) => origin < Index.Bases.Length ? Index.Bases[origin].Id : OriginHubs[origin - Index.Bases.Length].Id;

    public string DestinationId(int destination) => destination < Index.Buyers.Length ? Index.Buyers[destination].Id : Dcs[destination - Index.Buyers.Length].Id;

    /// <summary>The plan of one path kind from base <paramref name="b"/> to buyer <paramref name="u"/>.</summary>
    public PathPlan Path(int b, int u, PathKind kind, bool cold)
    {
        var viaHub = kind is PathKind.ViaHub or PathKind.ViaHubDc;
        var viaDc = kind is PathKind.ViaDc or PathKind.ViaHubDc;
        var feeder = viaHub ? Feeder(b, cold) : default;
        var local = viaDc ? Local(u, cold) : default;
        if ((viaHub && !feeder.Feasible) || (viaDc && !local.Feasible))
        {
            return default;
        }

        var origin = viaHub ? Index.Bases.Length + feeder.Hub : b;
        var destination = viaDc ? Index.Buyers.Length + local.Hub : u;
        ref readonly var lane = ref Lane(origin, destination, cold);
        if (!lane.Feasible)
        {
            return default;
        }

        var ready = PickupMinute + feeder.DriveMinutes + feeder.HandlingMinutes;
        var hubDays = !viaHub || ready <= DispatchMinute ? 0 : (ready - DispatchMinute + 1439) / 1440;
        var arrival = DispatchMinute + lane.DriveMinutes + HaulHandlingMinutes;
        var atBuyer = arrival + (viaDc ? local.HandlingMinutes + local.DriveMinutes : 0);
        var receiveTo = Index.Buyers[u].ReceiveTo;
        var day = atBuyer / 1440;
        var deliveryDays = atBuyer - (day * 1440) <= (receiveTo.Hour * 60) + receiveTo.Minute ? day : day + 1;
        return new PathPlan(true, origin, destination, hubDays, deliveryDays,
            feeder.PerKgFen, feeder.HandlingFen, local.HandlingFen, local.PerKgFen);
    }

    private void BuildSideLegs(int[] usedBases, int[] usedBuyers, LogisticsSettings settings)
    {
        foreach (var b in usedBases)
        {
            var origin = Index.Bases[b];
            var h = Nearest(OriginHubs, origin.Location);
            for (var g = 0; g < 2 && h >= 0; g++)
            {
                _feeders[(b * 2) + g] = Legs.Side(OriginHubs[h], h, origin.Id, origin.Location, g == 1, roundTrip: false, int.MaxValue);
            }
        }

        foreach (var u in usedBuyers)
        {
            var buyer = Index.Buyers[u];
            var c = Nearest(Dcs, buyer.Location);
            for (var g = 0; g < 2 && c >= 0; g++)
            {
                _locals[(u * 2) + g] = Legs.Side(Dcs[c], c, buyer.Id, buyer.Location, g == 1, roundTrip: true, settings.LocalMaxCapacityKg);
            }
        }
    }

    private void BuildLanes(int[] usedBases, int[] usedBuyers)
    {
        var origins = usedBases.Concat(Enumerable.Range(Index.Bases.Length, OriginHubs.Length)).ToArray();
        var destinations = usedBuyers.Concat(Enumerable.Range(Index.Buyers.Length, Dcs.Length)).ToArray();
        Parallel.ForEach(origins, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Index.Settings.Workers) }, o =>
        {
            var (originId, from) = o < Index.Bases.Length
                ? (Index.Bases[o].Id, Index.Bases[o].Location)
                : (OriginHubs[o - Index.Bases.Length].Id, OriginHubs[o - Index.Bases.Length].Location);
            foreach (var q in destinations)
            {
                var (destinationId, city, to) = q < Index.Buyers.Length
                    ? (Index.Buyers[q].Id, Index.Buyers[q].CityId, Index.Buyers[q].Location)
                    : (Dcs[q - Index.Buyers.Length].Id, Dcs[q - Index.Buyers.Length].Region, Dcs[q - Index.Buyers.Length].Location);
                for (var g = 0; g < 2; g++)
                {
                    _lanes[(((o * DestinationCount) + q) * 2) + g] = Legs.Haul(originId, from, destinationId, city, to, g == 1);
                }
            }
        });
    }

    /// <summary>Nearest hub by great-circle distance; ties go to the smaller id (hubs are in id order). -1 when there is none.</summary>
    private static int Nearest(Hub[] hubs, GeoPoint point)
    {
        var best = -1;
        var bestKm = double.MaxValue;
        for (var i = 0; i < hubs.Length; i++)
        {
            var km = Transport.TransportModel.GreatCircleKm(point, hubs[i].Location);
            if (km < bestKm)
            {
                best = i;
                bestKm = km;
            }
        }

        return best;
    }
}
