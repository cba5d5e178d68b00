using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Harvest forecast lots (lots.csv) row by row, for uploads and feeds from base systems: good rows are kept,
/// bad rows are reported with their row, column and reason.
/// </summary>
public static class HarvestLotCsv
{
    /// <summary>
    /// Reads a lots file. With <paramref name="baseId"/> the file belongs to that base: the base_id column may be
    /// left out, and a row naming another base is rejected.
    /// </summary>
    public static RowParseResult<HarvestLot> Parse(Stream csv, ReferenceData reference, string fileName, string? baseId = null) =>
        Parse(csv, ReferenceIndex.Create(reference), fileName, baseId);

    /// <inheritdoc cref="Parse(Stream, ReferenceData, string, string?)"/>
    public static RowParseResult<HarvestLot> Parse(Stream csv, ReferenceIndex reference, string fileName, string? baseId = null) =>
        Table(reference.Bases, reference.Products, baseId).Parse(CsvReader.Read(csv, fileName));

    internal static CsvTable<HarvestLot> Table(IdLookup<Base> bases, IdLookup<Product> products, string? baseId = null)
    {
        var s = baseId is null ? ScenarioColumns.Lots : ScenarioColumns.Lots.WithOptional("base_id");
        return new(s, s["id"], row => new HarvestLot(
            row.Required(s["id"], ValueRules.Id),
            OwnerScoped.Read(row, s["base_id"], baseId, RowReasons.NotOwnBase),
            row.Required(s["product_code"], ValueRules.Id),
            row.Required(s["grade"], ValueRules.Grade),
            row.Required(s["harvest_date"], ValueRules.Date),
            row.Required(s["available_from"], ValueRules.Date),
            row.Required(s["available_to"], ValueRules.Date),
            row.Required(s["quantity_kg"], ValueRules.PositiveKg),
            row.OptionalValue(s["firm_kg"], ValueRules.NonNegativeKg),
            row.Required(s["price_cny_per_kg"], ValueRules.PriceCny),
            row.Optional(s["min_order_kg"], ValueRules.NonNegativeKg, 0)),
            lot => lot.Id,
            (lot, unread) => HarvestLotRules.RecordRules(lot, bases, products, unread));
    }
}

/// <summary>The rules every harvest lot follows, whether it comes from a CSV row or typed from the API.</summary>
public static class HarvestLotRules
{
    /// <summary>Every problem of a typed lot: its values first, then how they fit together and the ids it names.</summary>
    public static IReadOnlyList<FieldError> Validate(HarvestLot lot, ReferenceIndex reference)
    {
        var errors = ValueErrors(lot).ToList();
        errors.AddRange(RecordRules(lot, reference.Bases, reference.Products, errors.Select(e => e.Column).ToHashSet(StringComparer.Ordinal)));
        return errors;
    }

    private static IEnumerable<FieldError> ValueErrors(HarvestLot lot) => new[]
    {
        RuleCheck.Of(ValueRules.Id, lot.Id, "id"),
        RuleCheck.Of(ValueRules.Id, lot.BaseId, "base_id"),
        RuleCheck.Of(ValueRules.Id, lot.ProductCode, "product_code"),
        RuleCheck.Of(ValueRules.Grade, lot.Grade, "grade"),
        RuleCheck.Of(ValueRules.PositiveKg, lot.QuantityKg, "quantity_kg"),
        lot.FirmKg is { } firm ? RuleCheck.Of(ValueRules.NonNegativeKg, firm, "firm_kg") : null,
        RuleCheck.Of(ValueRules.PriceCny, lot.PriceCnyPerKg, "price_cny_per_kg"),
        RuleCheck.Of(ValueRules.NonNegativeKg, lot.MinOrderKg, "min_order_kg"),
    }.OfType<FieldError>();

    /// <summary>How a lot's values fit together and the ids it names; a rule runs when the columns it compares are not in <paramref name="unread"/>.</summary>
    internal static IEnumerable<FieldError> RecordRules(HarvestLot lot, IdLookup<Base> bases, IdLookup<Product> products, IReadOnlySet<string> unread)
    {
        bool Read(params string[] columns) => !columns.Any(unread.Contains);
        var references = new[]
        {
            Read("base_id") ? bases.Resolve(lot.BaseId, "base_id") : null,
            Read("product_code") ? products.Resolve(lot.ProductCode, "product_code") : null,
        };
        foreach (var error in references.OfType<FieldError>())
        {
            yield return error;
        }

        if (Read("available_from", "available_to") && lot.AvailableTo < lot.AvailableFrom)
        {
            yield return new FieldError("available_to", RowReasons.ShipWindowReversed.With(("to", CsvWriter.Of(lot.AvailableTo)), ("from", CsvWriter.Of(lot.AvailableFrom))));
        }
        else if (Read("harvest_date", "available_to") && lot.HarvestDate > lot.AvailableTo)
        {
            yield return new FieldError("harvest_date", RowReasons.HarvestAfterShipWindow.With(("harvest", CsvWriter.Of(lot.HarvestDate)), ("to", CsvWriter.Of(lot.AvailableTo))));
        }

        if (Read("firm_kg", "quantity_kg") && lot.FirmKg > lot.QuantityKg)
        {
            yield return new FieldError("firm_kg", RowReasons.FirmAboveQuantity.With(("firm", lot.FirmKg), ("quantity", lot.QuantityKg)));
        }

        if (Read("min_order_kg", "quantity_kg") && lot.MinOrderKg > lot.QuantityKg)
        {
            yield return new FieldError("min_order_kg", RowReasons.MinOrderAboveQuantity.With(("min_order", lot.MinOrderKg), ("quantity", lot.QuantityKg)));
        }
    }
}
