using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>An allocation the checker could price: its lot and line indices and the recomputed per-kg figures.</summary>
internal readonly record struct CostedAllocation(
    int Lot,
    int Line,
    int Kg,
    long ExFarmFen,
    long TariffFen,
    long BonusFen,
    double DistanceKm)
{
    public long LandedFen => ExFarmFen + TariffFen;

    public long NetFen => LandedFen - BonusFen;
}

/// <summary>
/// The problem indexed by id (lots, lines, bases, buyers, products), the per-kg rates in whole fen, and what the
/// allocation checks learned (totals per lot and line, priced allocations). Shared by every check family.
/// </summary>
internal sealed class CheckContext
{
    private CheckContext(MatchingProblem problem, MatchingResult result)
    {
        Problem = problem;
        Result = result;
        Settings = problem.Settings;
        HasPolicy = problem.Settings.Policy?.Any == true;
        Lots = [.. problem.Lots];
        Lines = [.. problem.Lines];
        LotIndex = IndexById(problem.Lots, l => l.Id, "lot");
        LineIndex = IndexById(problem.Lines, l => l.Id, "line");
        LotAllocatedKg = new long[Lots.Length];
        LineAllocatedKg = new long[Lines.Length];
        Rules = new PairRules(this);
    }

    public IssueLog Issues { get; } = new();

    public MatchingProblem Problem { get; }

    public MatchingResult Result { get; }

    public MatchingSettings Settings { get; }

    /// <summary>Policy targets are set: the arc duals also carry policy prices, so only part of the dual check applies.</summary>
    public bool HasPolicy { get; }

    /// <summary>The problem's lots (an array: the candidate scan indexes it a million times).</summary>
    public HarvestLot[] Lots { get; }

    public DemandLine[] Lines { get; }

    public Dictionary<string, int> LotIndex { get; }

    public Dictionary<string, int> LineIndex { get; }

    /// <summary>Base of each lot (null when the problem names an unknown base).</summary>
    public Base?[] LotBase { get; private set; } = [];

    public int[] LotBaseIndex { get; private set; } = [];

    public Product?[] LotProduct { get; private set; } = [];

    public Buyer?[] LineBuyer { get; private set; } = [];

    public int[] LineBuyerIndex { get; private set; } = [];

    public long[] LotExFarmFen { get; private set; } = [];

    public long[] LotBonusFen { get; private set; } = [];

    public long[] LineCeilingFen { get; private set; } = [];

    public long[] LinePenaltyFen { get; private set; } = [];

    public int BuyerCount => Problem.Reference.Buyers.Count;

    public PairRules Rules { get; }

    /// <summary>Kg allocated from each lot (filled by the allocation checks).</summary>
    public long[] LotAllocatedKg { get; }

    /// <summary>Kg allocated to each line (filled by the allocation checks).</summary>
    public long[] LineAllocatedKg { get; }

    /// <summary>Allocations with a known lot and line, priced by the checker (filled by the allocation checks).</summary>
    public List<CostedAllocation> Costed { get; } = [];

    /// <summary>The (lot, line) pairs that carry an allocation (filled by the allocation checks).</summary>
    public HashSet<(int Lot, int Line)> AllocatedPairs { get; } = [];

    public long UnmetKg(int line) => Math.Max(0, Lines[line].QuantityKg - LineAllocatedKg[line]);

    public static CheckContext Create(MatchingProblem problem, MatchingResult result)
    {
        var context = new CheckContext(problem, result);
        context.IndexReferences();
        context.PriceRates();
        return context;
    }

    private void IndexReferences()
    {
        var reference = Problem.Reference;
        var bases = IndexById(reference.Bases, b => b.Id, "base");
        var buyers = IndexById(reference.Buyers, b => b.Id, "buyer");
        var products = reference.Products.GroupBy(p => p.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        LotBaseIndex = Lots.Select(l => bases.GetValueOrDefault(l.BaseId, -1)).ToArray();
        LotBase = LotBaseIndex.Select(i => i < 0 ? null : reference.Bases[i]).ToArray();
        LotProduct = Lots.Select(l => products.GetValueOrDefault(l.ProductCode)).ToArray();
        LineBuyerIndex = Lines.Select(l => buyers.GetValueOrDefault(l.BuyerId, -1)).ToArray();
        LineBuyer = LineBuyerIndex.Select(i => i < 0 ? null : reference.Buyers[i]).ToArray();
        for (var s = 0; s < Lots.Length; s++)
        {
            if (LotBase[s] is null || LotProduct[s] is null)
            {
                Issues.Add("problem-unknown-reference", $"lot {Lots[s].Id} names base {Lots[s].BaseId} / product {Lots[s].ProductCode}, not both in the reference data");
            }
        }

        for (var d = 0; d < Lines.Length; d++)
        {
            if (LineBuyer[d] is null || !products.ContainsKey(Lines[d].ProductCode))
            {
                Issues.Add("problem-unknown-reference", $"line {Lines[d].Id} names buyer {Lines[d].BuyerId} / product {Lines[d].ProductCode}, not both in the reference data");
            }
        }
    }

    private void PriceRates()
    {
        var bonusFen = Money.ToFen(Settings.PovertyBonusCnyPerKg);
        LotExFarmFen = Lots.Select(l => Money.ToFen(l.PriceCnyPerKg)).ToArray();
        LotBonusFen = LotBase.Select(b => b?.PovertyLinked == true ? bonusFen : 0).ToArray();
        LineCeilingFen = Lines.Select(l => Money.ToFen(l.MaxLandedCnyPerKg)).ToArray();
        LinePenaltyFen = Lines.Select(l => Money.ToFen(Settings.UnmetPenaltyCnyPerKg(l))).ToArray();
    }

    private Dictionary<string, int> IndexById<T>(IReadOnlyList<T> items, Func<T, string> id, string kind)
    {
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!index.TryAdd(id(items[i]), i))
            {
                Issues.Add("problem-duplicate-id", $"{kind} id {id(items[i])} occurs more than once in the problem");
            }
        }

        return index;
    }
}
