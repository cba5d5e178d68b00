using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Reference records by id, for resolving the ids that lots, lines, buyers and lanes refer to.
/// Ids whose own rows were rejected are "excused": a reference to them is not reported a second time.
/// </summary>
public sealed class IdLookup<T>
{
    private readonly Dictionary<string, T> _items;
    private readonly HashSet<string> _excused;
    private readonly bool _unavailable;

    internal IdLookup(ReasonKind unknown, string file, IEnumerable<T> items, Func<T, string> id, IEnumerable<string>? excused = null, bool unavailable = false)
    {
        Unknown = unknown;
        File = file;
        _items = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            _items.TryAdd(id(item), item);
        }

        _excused = new HashSet<string>(excused ?? [], StringComparer.Ordinal);
        _unavailable = unavailable;
    }

    /// <summary>The problem of an id that is not known: <see cref="RowReasons.UnknownProduct"/>, ...</summary>
    public ReasonKind Unknown { get; }

    /// <summary>The file the records come from.</summary>
    public string File { get; }

    /// <summary>Number of known records.</summary>
    public int Count => _items.Count;

    /// <summary>Looks a record up by id.</summary>
    public bool TryGet(string id, out T value) => _items.TryGetValue(id, out value!);

    /// <summary>True when the id is known.</summary>
    public bool Contains(string id) => _items.ContainsKey(id);

    /// <summary>Null when <paramref name="id"/> resolves (or its own row already failed), else the error for <paramref name="column"/>.</summary>
    public FieldError? Resolve(string id, string column) =>
        _items.ContainsKey(id) || _unavailable || _excused.Contains(id)
            ? null
            : new FieldError(column, Unknown.With(("id", id), ("file", File)));
}

/// <summary>Reference data indexed by id.</summary>
public sealed class ReferenceIndex
{
    internal ReferenceIndex(IdLookup<Product> products, IdLookup<City> cities, IdLookup<Base> bases, IdLookup<Buyer> buyers)
    {
        Products = products;
        Cities = cities;
        Bases = bases;
        Buyers = buyers;
    }

    public IdLookup<Product> Products { get; }

    public IdLookup<City> Cities { get; }

    public IdLookup<Base> Bases { get; }

    public IdLookup<Buyer> Buyers { get; }

    /// <summary>Indexes reference data that is already loaded.</summary>
    public static ReferenceIndex Create(ReferenceData data) => new(
        ProductLookup(data.Products),
        CityLookup(data.Cities),
        BaseLookup(data.Bases),
        BuyerLookup(data.Buyers));

    internal static IdLookup<Product> ProductLookup(IEnumerable<Product> items, IEnumerable<string>? excused = null, bool unavailable = false) =>
        new(RowReasons.UnknownProduct, ScenarioFileNames.Products, items, p => p.Code, excused, unavailable);

    internal static IdLookup<City> CityLookup(IEnumerable<City> items, IEnumerable<string>? excused = null, bool unavailable = false) =>
        new(RowReasons.UnknownCity, ScenarioFileNames.Cities, items, c => c.Id, excused, unavailable);

    internal static IdLookup<Base> BaseLookup(IEnumerable<Base> items, IEnumerable<string>? excused = null, bool unavailable = false) =>
        new(RowReasons.UnknownBase, ScenarioFileNames.Bases, items, b => b.Id, excused, unavailable);

    internal static IdLookup<Buyer> BuyerLookup(IEnumerable<Buyer> items, IEnumerable<string>? excused = null, bool unavailable = false) =>
        new(RowReasons.UnknownBuyer, ScenarioFileNames.Buyers, items, b => b.Id, excused, unavailable);
}
