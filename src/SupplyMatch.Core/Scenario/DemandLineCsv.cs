using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Demand lines (lines.csv) row by row, for uploads and feeds from buyer systems: good rows are kept,
/// bad rows are reported with their row, column and reason.
/// </summary>
public static class DemandLineCsv
{
    /// <summary>Default of the optional partial_allowed column.</summary>
    public const bool DefaultPartialAllowed = true;

    /// <summary>Default of the optional priority column.</summary>
    public const int DefaultPriority = 3;

    /// <summary>
    /// Reads a lines file. With <paramref name="buyerId"/> the file belongs to that buyer: the buyer_id column may
    /// be left out, and a row naming another buyer is rejected.
    /// </summary>
    public static RowParseResult<DemandLine> Parse(Stream csv, ReferenceData reference, string fileName, string? buyerId = null) =>
        Parse(csv, ReferenceIndex.Create(reference), fileName, buyerId);

    /// <inheritdoc cref="Parse(Stream, ReferenceData, string, string?)"/>
    public static RowParseResult<DemandLine> Parse(Stream csv, ReferenceIndex reference, string fileName, string? buyerId = null) =>
        Table(reference.Buyers, reference.Products, buyerId).Parse(CsvReader.Read(csv, fileName));

    internal static CsvTable<DemandLine> Table(IdLookup<Buyer> buyers, IdLookup<Product> products, string? buyerId = null)
    {
        var s = buyerId is null ? ScenarioColumns.Lines : ScenarioColumns.Lines.WithOptional("buyer_id");
        return new(s, s["id"], row => new DemandLine(
            row.Required(s["id"], ValueRules.Id),
            OwnerScoped.Read(row, s["buyer_id"], buyerId, RowReasons.NotOwnBuyer),
            row.Required(s["product_code"], ValueRules.Id),
            row.Required(s["min_grade"], ValueRules.Grade),
            row.Required(s["quantity_kg"], ValueRules.PositiveKg),
            row.Required(s["earliest"], ValueRules.Date),
            row.Required(s["latest"], ValueRules.Date),
            row.Required(s["max_landed_cny_per_kg"], ValueRules.PriceCny),
            row.Required(s["min_freshness_pct"], ValueRules.Percent),
            row.Optional(s["partial_allowed"], ValueRules.Boolean, DefaultPartialAllowed),
            row.Optional(s["priority"], ValueRules.Priority, DefaultPriority)),
            line => line.Id,
            (line, unread) => DemandLineRules.RecordRules(line, buyers, products, unread));
    }
}

/// <summary>The rules every demand line follows, whether it comes from a CSV row or typed from the API.</summary>
public static class DemandLineRules
{
    /// <summary>Every problem of a typed line: its values first, then how they fit together and the ids it names.</summary>
    public static IReadOnlyList<FieldError> Validate(DemandLine line, ReferenceIndex reference)
    {
        var errors = ValueErrors(line).ToList();
        errors.AddRange(RecordRules(line, reference.Buyers, reference.Products, errors.Select(e => e.Column).ToHashSet(StringComparer.Ordinal)));
        return errors;
    }

    private static IEnumerable<FieldError> ValueErrors(DemandLine line) => new[]
    {
        RuleCheck.Of(ValueRules.Id, line.Id, "id"),
        RuleCheck.Of(ValueRules.Id, line.BuyerId, "buyer_id"),
        RuleCheck.Of(ValueRules.Id, line.ProductCode, "product_code"),
        RuleCheck.Of(ValueRules.Grade, line.MinGrade, "min_grade"),
        RuleCheck.Of(ValueRules.PositiveKg, line.QuantityKg, "quantity_kg"),
        RuleCheck.Of(ValueRules.PriceCny, line.MaxLandedCnyPerKg, "max_landed_cny_per_kg"),
        RuleCheck.Of(ValueRules.Percent, line.MinFreshnessPercent, "min_freshness_pct"),
        RuleCheck.Of(ValueRules.Priority, line.Priority, "priority"),
    }.OfType<FieldError>();

    /// <summary>How a line's values fit together and the ids it names; a rule runs when the columns it compares are not in <paramref name="unread"/>.</summary>
    internal static IEnumerable<FieldError> RecordRules(DemandLine line, IdLookup<Buyer> buyers, IdLookup<Product> products, IReadOnlySet<string> unread)
    {
        var references = new[]
        {
            unread.Contains("buyer_id") ? null : buyers.Resolve(line.BuyerId, "buyer_id"),
            unread.Contains("product_code") ? null : products.Resolve(line.ProductCode, "product_code"),
        };
        foreach (var error in references.OfType<FieldError>())
        {
            yield return error;
        }

        if (!unread.Contains("earliest") && !unread.Contains("latest") && line.Latest < line.Earliest)
        {
            yield return new FieldError("latest", RowReasons.LatestBeforeEarliest.With(("latest", CsvWriter.Of(line.Latest)), ("earliest", CsvWriter.Of(line.Earliest))));
        }
    }
}
