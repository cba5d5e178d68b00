using System.Globalization;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A demand line as a buyer (or a planner on a buyer's behalf) sends it.</summary>
/// <param name="BuyerId">Omit with a buyer key (the key's buyer is used); required with a planner key.</param>
/// <param name="Earliest">Earliest delivery day, CST, yyyy-MM-dd.</param>
/// <param name="Latest">Latest delivery day, CST, yyyy-MM-dd.</param>
/// <param name="MaxLandedCnyPerKg">Ceiling on ex-farm price plus transport, CNY/kg (two decimals).</param>
/// <param name="MinFreshnessPercent">Minimum remaining shelf life at delivery, % (0..100).</param>
/// <param name="PartialAllowed">Default true.</param>
/// <param name="Priority">1 (most urgent) .. 5; default 3.</param>
public sealed record DemandLineBody(
    string? BuyerId,
    string? ProductCode,
    Grade? MinGrade,
    int? QuantityKg,
    DateOnly? Earliest,
    DateOnly? Latest,
    decimal? MaxLandedCnyPerKg,
    int? MinFreshnessPercent,
    bool? PartialAllowed,
    int? Priority)
{
    /// <summary>The body that would send <paramref name="line"/> (e.g. a row of an uploaded file or a buyer's feed).</summary>
    public static DemandLineBody Of(DemandLine line) => Of(line, new HashSet<string>());

    /// <summary>The body of a row that read only in part: the fields of its <paramref name="unread"/> lines.csv columns are left out.</summary>
    public static DemandLineBody Of(DemandLine line, IReadOnlySet<string> unread)
    {
        T? Read<T>(string column, T value) where T : struct => unread.Contains(column) ? null : value;
        return new(unread.Contains("buyer_id") ? null : line.BuyerId, unread.Contains("product_code") ? null : line.ProductCode, Read("min_grade", line.MinGrade),
            Read("quantity_kg", line.QuantityKg), Read("earliest", line.Earliest), Read("latest", line.Latest), Read("max_landed_cny_per_kg", line.MaxLandedCnyPerKg),
            Read("min_freshness_pct", line.MinFreshnessPercent), Read("partial_allowed", line.PartialAllowed), Read("priority", line.Priority));
    }
}

/// <summary>Up to 10,000 lines, accepted all or nothing.</summary>
public sealed record DemandBatchBody(IReadOnlyList<DemandLineBody?>? Lines);

/// <summary>The ids given to a batch's lines, in the order sent.</summary>
public sealed record DemandBatchAccepted(int Count, IReadOnlyList<string> Ids);

/// <summary>A stored demand line.</summary>
/// <param name="Status">open or cancelled.</param>
/// <param name="Version">Starts at 1; each change or cancel adds 1.</param>
public sealed record DemandLineView(
    string Id, string BuyerId, string ProductCode, Grade MinGrade, int QuantityKg, DateOnly Earliest, DateOnly Latest,
    decimal MaxLandedCnyPerKg, int MinFreshnessPercent, bool PartialAllowed, int Priority, string Status, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DemandLineView From(DemandLineRecord r) => new(
        r.Line.Id, r.Line.BuyerId, r.Line.ProductCode, r.Line.MinGrade, r.Line.QuantityKg, r.Line.Earliest, r.Line.Latest,
        r.Line.MaxLandedCnyPerKg, r.Line.MinFreshnessPercent, r.Line.PartialAllowed, r.Line.Priority, r.Status, r.Version, r.CreatedAt, r.UpdatedAt);
}

/// <summary>Turns line bodies into domain lines, field by field, against the known products and buyers.</summary>
public sealed class DemandLineReader(ISet<string> products, ISet<string> buyers, string? ownBuyer, DateOnly today)
{
    public const int MaxBatch = 10_000;

    /// <summary>The longest delivery window: latest at most this many days after earliest.</summary>
    public const int MaxWindowDays = 60;

    /// <summary>The lines.csv column of each body field a row of a file is checked through.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["buyerId"] = "buyer_id", ["productCode"] = "product_code", ["minGrade"] = "min_grade", ["quantityKg"] = "quantity_kg", ["earliest"] = "earliest",
        ["latest"] = "latest", ["maxLandedCnyPerKg"] = "max_landed_cny_per_kg", ["minFreshnessPercent"] = "min_freshness_pct", ["priority"] = "priority",
    };

    public static async Task<DemandLineReader> CreateAsync(ReferenceDataStore reference, string? ownBuyer, TimeProvider clock, CancellationToken ct)
    {
        var products = (await reference.Products.ListAsync(ct)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var buyers = ownBuyer is null
            ? (await reference.Buyers.ListAsync(ct)).Select(b => b.Id).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal) { ownBuyer };
        return new DemandLineReader(products, buyers, ownBuyer, Cst.Today(clock));
    }

    /// <summary>The reader of one buyer's lines from reference data already loaded (a feed's pull reads it whole anyway).</summary>
    public static DemandLineReader For(ReferenceData reference, string ownBuyer, TimeProvider clock) =>
        new(reference.Products.Select(p => p.Code).ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) { ownBuyer }, ownBuyer, Cst.Today(clock));

    public static string NewId() => "DL-" + Guid.CreateVersion7().ToString("N");

    public DemandLine Read(Validator v, string prefix, DemandLineBody? body, string id)
    {
        if (body is null)
        {
            v.Add(prefix.TrimEnd('.'), "required", "must be a line object.");
            return null!;
        }

        var buyer = body.BuyerId ?? ownBuyer;
        if (buyer is null) { v.Add(prefix + "buyerId", "required", "is required with a planner key."); }
        else if (ownBuyer is not null && buyer != ownBuyer) { v.Add(prefix + "buyerId", "own_buyer", "must be your own buyer id (or omitted)."); }
        else { v.Rule(buyers.Contains(buyer), prefix + "buyerId", "exists", "must be the id of a buyer."); }

        var product = v.Text(prefix + "productCode", body.ProductCode, 64);
        v.Rule(product.Length == 0 || products.Contains(product), prefix + "productCode", "exists", "must be the code of a product.");
        var earliest = v.Required(prefix + "earliest", body.Earliest);
        var latest = v.Required(prefix + "latest", body.Latest);
        HorizonRules.CheckCalendar(v, prefix + "earliest", body.Earliest);
        HorizonRules.CheckCalendar(v, prefix + "latest", body.Latest);
        if (body.Earliest is not null && body.Latest is not null)
        {
            v.Rule(earliest <= latest, prefix + "latest", "not_before_earliest", "must not be before earliest.");
            if (latest.DayNumber - earliest.DayNumber > MaxWindowDays)
            {
                v.Add(prefix + "latest", "window_max_60_days", RowReasons.WindowTooLong.With(("days", MaxWindowDays)));
            }

            if (latest < today)
            {
                v.Add(prefix + "latest", "not_in_past", RowReasons.LatestInPast.With(("today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
            }
        }

        return new DemandLine(id, buyer ?? "", product, v.Required(prefix + "minGrade", body.MinGrade),
            v.Range(prefix + "quantityKg", body.QuantityKg, 1, 10_000_000), earliest, latest,
            v.Money(prefix + "maxLandedCnyPerKg", body.MaxLandedCnyPerKg, 0.01m, 1_000m),
            v.Range(prefix + "minFreshnessPercent", body.MinFreshnessPercent, 0, 100),
            body.PartialAllowed ?? true, body.Priority is null ? 3 : v.Range(prefix + "priority", body.Priority, 1, 5));
    }

    /// <summary>A lines file's good rows, less those that break these rules: they join the rejected rows with their column, code and reasons.</summary>
    public RowParseResult<DemandLine> Check(RowParseResult<DemandLine> rows, string fileName) =>
        ServiceRowRules.Apply(rows, fileName, line => line.Id, (v, line, unread) => Read(v, "", DemandLineBody.Of(line, unread), line.Id), Columns);
}
