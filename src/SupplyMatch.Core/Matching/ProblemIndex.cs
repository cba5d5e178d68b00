using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>The integers of a transport leg the filters read.</summary>
internal readonly record struct LegFacts(bool Feasible, int OffsetDays, int TariffFen, int DistanceDm)
{
    public static LegFacts Of(TransportLeg leg) =>
        new(leg.Feasible, leg.DeliveryOffsetDays, (int)leg.TariffFenPerKg, (int)Math.Round(leg.DistanceKm * 10));
}

/// <summary>
/// Array-indexed view of a problem: lots, lines, bases and buyers by position, grouped by product,
/// with lazily computed transport legs per (base, buyer, cold chain).
/// </summary>
internal sealed class ProblemIndex
{
    private readonly LegFacts[] _legs;
    private readonly bool[] _certified;

    public ProblemIndex(MatchingProblem problem)
    {
        Problem = problem;
        Settings = problem.Settings;
        Transport = new TransportModel(problem.Reference, problem.Settings);
        Lots = [.. problem.Lots];
        Lines = [.. problem.Lines];
        Bases = [.. problem.Reference.Bases];
        Buyers = [.. problem.Reference.Buyers];
        var baseIndex = IndexOf(Bases, b => b.Id);
        var buyerIndex = IndexOf(Buyers, b => b.Id);
        var products = problem.Reference.Products.ToDictionary(p => p.Code, StringComparer.Ordinal);
        LotBase = Lots.Select(l => baseIndex[l.BaseId]).ToArray();
        LineBuyer = Lines.Select(l => buyerIndex[l.BuyerId]).ToArray();
        ProductCodes = [.. problem.Lots.Select(l => l.ProductCode).Concat(problem.Lines.Select(l => l.ProductCode))
            .Distinct().Order(StringComparer.Ordinal)];
        Products = ProductCodes.Select(c => products[c]).ToArray();
        var productIndex = IndexOf(ProductCodes, c => c);
        LotsByProduct = Group(Lots.Length, i => productIndex[Lots[i].ProductCode], ProductCodes.Length);
        LinesByProduct = Group(Lines.Length, i => productIndex[Lines[i].ProductCode], ProductCodes.Length);
        LotPriceFen = Lots.Select(l => (int)Money.ToFen(l.PriceCnyPerKg)).ToArray();
        LineCeilingFen = Lines.Select(l => (int)Money.ToFen(l.MaxLandedCnyPerKg)).ToArray();
        LinePenaltyFen = Lines.Select(l => Money.ToFen(problem.Settings.UnmetPenaltyCnyPerKg(l))).ToArray();
        _legs = new LegFacts[Bases.Length * Buyers.Length * 2];
        _certified = new bool[Bases.Length * Buyers.Length];
        PrecomputePairs();
    }

    public MatchingProblem Problem { get; }

    public MatchingSettings Settings { get; }

    public TransportModel Transport { get; }

    public HarvestLot[] Lots { get; }

    public DemandLine[] Lines { get; }

    public Base[] Bases { get; }

    public Buyer[] Buyers { get; }

    public int[] LotBase { get; }

    public int[] LineBuyer { get; }

    /// <summary>Ex-farm price per lot, fen/kg.</summary>
    public int[] LotPriceFen { get; }

    /// <summary>Landed-price ceiling per line, fen/kg.</summary>
    public int[] LineCeilingFen { get; }

    /// <summary>Penalty per unmet kg per line, fen/kg.</summary>
    public long[] LinePenaltyFen { get; }

    /// <summary>Product codes present in lots or lines, in ordinal order.</summary>
    public string[] ProductCodes { get; }

    public Product[] Products { get; }

    /// <summary>Lot positions per product position, ascending.</summary>
    public int[][] LotsByProduct { get; }

    /// <summary>Line positions per product position, ascending.</summary>
    public int[][] LinesByProduct { get; }

    /// <summary>The transport leg from a base that has lots to a buyer that has lines.</summary>
    public ref readonly LegFacts CompactLeg(int baseIndex, int buyerIndex, bool needsColdChain) =>
        ref _legs[(((baseIndex * Buyers.Length) + buyerIndex) * 2) + (needsColdChain ? 1 : 0)];

    /// <summary>Whether the base holds every certification the buyer requires.</summary>
    public bool Certified(int baseIndex, int buyerIndex) => _certified[(baseIndex * Buyers.Length) + buyerIndex];

    /// <summary>Certifications the buyer requires that the base lacks, in ordinal order.</summary>
    public IReadOnlyList<string> MissingCertifications(int baseIndex, int buyerIndex) =>
        [.. Buyers[buyerIndex].RequiredCertifications.Where(c => !Bases[baseIndex].Certifications.Contains(c)).Order(StringComparer.Ordinal)];

    /// <summary>Legs and certification checks for every base with lots and buyer with lines, computed once, up front.</summary>
    private void PrecomputePairs()
    {
        var usedBases = LotBase.Distinct().ToArray();
        var usedBuyers = LineBuyer.Distinct().ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Settings.Workers) };
        Parallel.ForEach(usedBases, options, b =>
        {
            foreach (var u in usedBuyers)
            {
                var pair = (b * Buyers.Length) + u;
                _certified[pair] = Buyers[u].RequiredCertifications.All(Bases[b].Certifications.Contains);
                _legs[pair * 2] = LegFacts.Of(Transport.Leg(Bases[b], Buyers[u], needsColdChain: false));
                _legs[(pair * 2) + 1] = LegFacts.Of(Transport.Leg(Bases[b], Buyers[u], needsColdChain: true));
            }
        });
    }

    private static Dictionary<string, int> IndexOf<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        var map = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            map[key(items[i])] = i;
        }

        return map;
    }

    private static int[][] Group(int count, Func<int, int> groupOf, int groups)
    {
        var lists = Enumerable.Range(0, groups).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < count; i++)
        {
            lists[groupOf(i)].Add(i);
        }

        return lists.Select(l => l.ToArray()).ToArray();
    }
}
