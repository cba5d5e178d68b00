namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Numbers the bins (lane, lane day, storage class) and prices each at the envelope rate of its truck cost for the
/// most it can ever carry. Bin keys pack (origin, destination, day, class) into a long.
/// </summary>
internal sealed class BinTable
{
    private readonly LogisticsNetwork _network;
    private readonly int _day0;
    private readonly int _daySpan;
    private readonly Dictionary<long, int> _index = [];
    private readonly Dictionary<(int Lane, bool Cold), TruckCover> _covers = [];

    public BinTable(LogisticsNetwork network)
    {
        _network = network;
        var lots = network.Index.Lots;
        _day0 = lots.Length == 0 ? 0 : lots.Min(l => l.AvailableFrom.DayNumber);
        _daySpan = lots.Length == 0 ? 1 : lots.Max(l => l.AvailableTo.DayNumber) - _day0 + 16;
    }

    public Bin[] Bins { get; private set; } = [];

    public long Key(in PathArc arc)
    {
        var day = arc.LaneDay - _day0;
        if (day < 0 || day >= _daySpan)
        {
            throw new InvalidOperationException($"Lane day {arc.LaneDay} is outside the planning span.");
        }

        var lane = ((long)arc.Origin * _network.DestinationCount) + arc.Destination;
        return (((lane * _daySpan) + day) * 3) + arc.StorageClass;
    }

    public int IndexOf(long key) => _index[key];

    /// <summary>Numbers every bin in key order and prices it from its capacity bound.</summary>
    public void Build(IReadOnlyDictionary<long, long> maxKgByKey)
    {
        var keys = maxKgByKey.Keys.Order().ToArray();
        var bins = new Bin[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            var storage = (int)(key % 3);
            var day = (int)(key / 3 % _daySpan);
            var lane = key / 3 / _daySpan;
            var origin = (int)(lane / _network.DestinationCount);
            var destination = (int)(lane % _network.DestinationCount);
            var cover = CoverOf(origin, destination, storage != 0);
            var leg = _network.Lane(origin, destination, storage != 0);
            bins[i] = new Bin(origin, destination, day + _day0, storage, leg.DistanceDm, maxKgByKey[key], cover.RateMilliFen(maxKgByKey[key]), cover);
            _index[key] = i;
        }

        Bins = bins;
    }

    private TruckCover CoverOf(int origin, int destination, bool cold)
    {
        var lane = (origin * _network.DestinationCount) + destination;
        if (!_covers.TryGetValue((lane, cold), out var cover))
        {
            var distance = _network.Lane(origin, destination, cold).DistanceDm;
            var eligible = _network.Legs.Eligible(cold);
            cover = new TruckCover(
                eligible,
                eligible.Select(v => _network.Legs.Vehicles[v].CapacityKg).ToArray(),
                eligible.Select(v => _network.Legs.TruckFen(v, distance)).ToArray());
            _covers[(lane, cold)] = cover;
        }

        return cover;
    }
}
