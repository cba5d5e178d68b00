using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>
/// Every scenario file, broken in every way that applies to it: the load names the file, row and column,
/// and returns no problem at all.
/// </summary>
public sealed class FileFaultTests
{
    private const string Cities = ScenarioFileNames.Cities;
    private const string Products = ScenarioFileNames.Products;
    private const string Bases = ScenarioFileNames.Bases;
    private const string Buyers = ScenarioFileNames.Buyers;
    private const string Vehicles = ScenarioFileNames.VehicleTypes;
    private const string Lanes = ScenarioFileNames.Lanes;
    private const string Hubs = ScenarioFileNames.Hubs;
    private const string Lots = ScenarioFileNames.Lots;
    private const string Lines = ScenarioFileNames.Lines;

    private static readonly Dictionary<string, Func<ScenarioDirectory, (string File, int Row, string? Column)>> Faults = new()
    {
        // A required column is missing from the header.
        ["cities: missing name_en"] = d => Drop(d, Cities, "name_en"),
        ["products: missing shelf_life_days"] = d => Drop(d, Products, "shelf_life_days"),
        ["bases: missing province"] = d => Drop(d, Bases, "province"),
        ["buyers: missing city_id"] = d => Drop(d, Buyers, "city_id"),
        ["vehicle_types: missing capacity_kg"] = d => Drop(d, Vehicles, "capacity_kg"),
        ["lanes: missing hours"] = d => Drop(d, Lanes, "hours"),
        ["hubs: missing handling_hours"] = d => Drop(d, Hubs, "handling_hours"),
        ["lots: missing quantity_kg"] = d => Drop(d, Lots, "quantity_kg"),
        ["lines: missing quantity_kg"] = d => Drop(d, Lines, "quantity_kg"),

        // The header has a column the format does not know.
        ["cities: unknown column"] = d => Unknown(d, Cities),
        ["products: unknown column"] = d => Unknown(d, Products),
        ["bases: unknown column"] = d => Unknown(d, Bases),
        ["buyers: unknown column"] = d => Unknown(d, Buyers),
        ["vehicle_types: unknown column"] = d => Unknown(d, Vehicles),
        ["lanes: unknown column"] = d => Unknown(d, Lanes),
        ["hubs: unknown column"] = d => Unknown(d, Hubs),
        ["lots: unknown column"] = d => Unknown(d, Lots),
        ["lines: unknown column"] = d => Unknown(d, Lines),

        // A number is negative or not a number.
        ["cities: latitude not a number"] = d => Set(d, Cities, 3, "lat", "north"),
        ["products: negative shelf life"] = d => Set(d, Products, 3, "shelf_life_days", "-5"),
        ["bases: negative poor households"] = d => Set(d, Bases, 3, "poor_households", "-5"),
        ["buyers: longitude not a number"] = d => Set(d, Buyers, 3, "lon", "east"),
        ["vehicle_types: negative capacity"] = d => Set(d, Vehicles, 3, "capacity_kg", "-5"),
        ["lanes: negative distance"] = d => Set(d, Lanes, 3, "distance_km", "-5"),
        ["hubs: latitude not a number"] = d => Set(d, Hubs, 3, "lat", "north"),
        ["hubs: latitude beyond the pole"] = d => Set(d, Hubs, 4, "lat", "95"),
        ["hubs: negative handling cost"] = d => Set(d, Hubs, 5, "handling_cny_per_kg", "-0.10"),
        ["hubs: handling longer than three days"] = d => Set(d, Hubs, 6, "handling_hours", "80"),
        ["lots: negative quantity"] = d => Set(d, Lots, 14, "quantity_kg", "-5"),
        ["lots: quantity not a number"] = d => Set(d, Lots, 4, "quantity_kg", "12 t"),
        ["lots: fractional quantity"] = d => Set(d, Lots, 5, "quantity_kg", "12.5"),
        ["lines: quantity not a number"] = d => Set(d, Lines, 3, "quantity_kg", "abc"),
        ["lines: negative quantity"] = d => Set(d, Lines, 6, "quantity_kg", "-5"),
        ["lines: price with three decimals"] = d => Set(d, Lines, 6, "max_landed_cny_per_kg", "4.555"),
        ["lanes: tariff with three decimals"] = d => Set(d, Lanes, 2, "cost_per_kg", "0.455"),

        // An id that refers to nothing.
        ["buyers: unknown city"] = d => Set(d, Buyers, 4, "city_id", "XX"),
        ["lanes: unknown base"] = d => Set(d, Lanes, 2, "origin_id", "B-NOWHERE"),
        ["lanes: unknown destination"] = d => Set(d, Lanes, 3, "destination_id", "NOWHERE"),
        ["hubs: distribution centre in an unknown city"] = d => Set(d, Hubs, 7, "province_or_city", "XX"),
        ["lots: unknown base"] = d => Set(d, Lots, 5, "base_id", "B-NOWHERE"),
        ["lots: unknown product"] = d => Set(d, Lots, 6, "product_code", "P-DURIAN"),
        ["lines: unknown buyer"] = d => Set(d, Lines, 7, "buyer_id", "K-NOBODY"),
        ["lines: unknown product"] = d => Set(d, Lines, 8, "product_code", "P-DURIAN"),

        // A window that ends before it starts, and other rows that contradict themselves.
        ["buyers: receiving window ends before it starts"] = d => Set(d, Buyers, 2, "receive_to", "00:30"),
        ["lots: ship window ends before it starts"] = d => ShiftBefore(d, Lots, 3, "available_from", "available_to"),
        ["lines: delivery window ends before it starts"] = d => ShiftBefore(d, Lines, 3, "earliest", "latest"),
        ["lots: harvest after the ship window"] = d => HarvestAfterWindow(d),
        ["lots: firm quantity above the quantity"] = d => FirmAboveQuantity(d),

        // A value outside its closed set or range.
        ["products: unknown storage class"] = d => Set(d, Products, 2, "storage_class", "frozen"),
        ["bases: unknown province"] = d => Set(d, Bases, 2, "province", "hunan"),
        ["bases: unknown certification"] = d => Set(d, Bases, 2, "certifications", "gba_basket;iso9001"),
        ["buyers: unknown type"] = d => Set(d, Buyers, 2, "type", "restaurant"),
        ["hubs: unknown kind"] = d => Set(d, Hubs, 2, "kind", "depot"),
        ["hubs: origin hub outside the partner provinces"] = d => Set(d, Hubs, 3, "province_or_city", "hunan"),
        ["vehicle_types: refrigerated not a boolean"] = d => Set(d, Vehicles, 2, "refrigerated", "yes"),
        ["lots: unknown grade"] = d => Set(d, Lots, 2, "grade", "excellent"),
        ["lots: impossible date"] = d => Set(d, Lots, 2, "harvest_date", "2026-02-30"),
        ["lines: freshness above 100"] = d => Set(d, Lines, 2, "min_freshness_pct", "120"),
        ["lines: priority out of range"] = d => Set(d, Lines, 2, "priority", "9"),

        // The same id twice.
        ["cities: duplicate id"] = d => Duplicate(d, Cities, "id"),
        ["products: duplicate code"] = d => Duplicate(d, Products, "code"),
        ["bases: duplicate id"] = d => Duplicate(d, Bases, "id"),
        ["buyers: duplicate id"] = d => Duplicate(d, Buyers, "id"),
        ["vehicle_types: duplicate id"] = d => Duplicate(d, Vehicles, "id"),
        ["lanes: duplicate origin and destination"] = d => Duplicate(d, Lanes, "destination_id"),
        ["hubs: duplicate id"] = d => Duplicate(d, Hubs, "id"),
        ["lots: duplicate id"] = d => Duplicate(d, Lots, "id"),
        ["lines: duplicate id"] = d => Duplicate(d, Lines, "id"),

        // Bytes that are not UTF-8 (a GBK export).
        ["cities: not UTF-8"] = d => NotUtf8(d, Cities, "name_zh"),
        ["products: not UTF-8"] = d => NotUtf8(d, Products, "name_zh"),
        ["bases: not UTF-8"] = d => NotUtf8(d, Bases, "county_zh"),
        ["buyers: not UTF-8"] = d => NotUtf8(d, Buyers, "name_zh"),
        ["vehicle_types: not UTF-8"] = d => NotUtf8(d, Vehicles, "name_zh"),
        ["lanes: not UTF-8"] = d => NotUtf8(d, Lanes, "origin_id"),
        ["hubs: not UTF-8"] = d => NotUtf8(d, Hubs, "name_zh"),
        ["lots: not UTF-8"] = d => NotUtf8(d, Lots, "id"),
        ["lines: not UTF-8"] = d => NotUtf8(d, Lines, "id"),

        // An empty file (not even a header).
        ["cities: empty file"] = d => Empty(d, Cities),
        ["products: empty file"] = d => Empty(d, Products),
        ["bases: empty file"] = d => Empty(d, Bases),
        ["buyers: empty file"] = d => Empty(d, Buyers),
        ["vehicle_types: empty file"] = d => Empty(d, Vehicles),
        ["lanes: empty file"] = d => Empty(d, Lanes),
        ["hubs: empty file"] = d => Empty(d, Hubs),
        ["lots: empty file"] = d => Empty(d, Lots),
        ["lines: empty file"] = d => Empty(d, Lines),
    };

    public static TheoryData<string> FaultNames => [.. Faults.Keys];

    [Theory]
    [MemberData(nameof(FaultNames))]
    public void A_broken_file_is_reported_with_file_row_and_column_and_nothing_is_loaded(string fault)
    {
        using var directory = ScenarioDirectory.Create();
        Assert.True(ScenarioFiles.LoadDirectory(directory.Path).Ok);
        var (file, row, column) = Faults[fault](directory);

        var result = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(result.Value);
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Equal((file, row, column), (error.File, error.Row, error.Column));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.StartsWith(row > 0 ? $"{file} row {row}" : $"{file}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_quantity_reads_as_an_operator_would_want()
    {
        using var directory = ScenarioDirectory.Create();
        Set(directory, Lots, 14, "quantity_kg", "-5");

        var error = Assert.Single(ScenarioFiles.LoadDirectory(directory.Path).Errors);

        Assert.Equal("lots.csv row 14, column quantity_kg: \"-5\" is not a positive whole number of kg", error.ToString());
    }

    private static (string, int, string?) Drop(ScenarioDirectory d, string file, string column)
    {
        d.DropColumn(file, column);
        return (file, 1, column);
    }

    private static (string, int, string?) Unknown(ScenarioDirectory d, string file)
    {
        d.AddColumn(file, "colour", "green");
        return (file, 1, "colour");
    }

    private static (string, int, string?) Set(ScenarioDirectory d, string file, int row, string column, string value)
    {
        d.SetCell(file, row, column, value);
        return (file, row, column);
    }

    private static (string, int, string?) ShiftBefore(ScenarioDirectory d, string file, int row, string start, string end)
    {
        var startDay = DateOnly.Parse(d.Cell(file, row, start), System.Globalization.CultureInfo.InvariantCulture);
        d.SetCell(file, row, end, startDay.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return (file, row, end);
    }

    private static (string, int, string?) HarvestAfterWindow(ScenarioDirectory d)
    {
        var to = DateOnly.Parse(d.Cell(Lots, 4, "available_to"), System.Globalization.CultureInfo.InvariantCulture);
        d.SetCell(Lots, 4, "harvest_date", to.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return (Lots, 4, "harvest_date");
    }

    private static (string, int, string?) FirmAboveQuantity(ScenarioDirectory d)
    {
        var quantity = int.Parse(d.Cell(Lots, 5, "quantity_kg"), System.Globalization.CultureInfo.InvariantCulture);
        d.SetCell(Lots, 5, "firm_kg", (quantity + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (Lots, 5, "firm_kg");
    }

    private static (string, int, string?) Duplicate(ScenarioDirectory d, string file, string keyColumn) =>
        (file, d.AppendCopyOf(file, 2), keyColumn);

    private static (string, int, string?) NotUtf8(ScenarioDirectory d, string file, string column)
    {
        d.PutInvalidUtf8(file, 3, column);
        return (file, 3, column);
    }

    private static (string, int, string?) Empty(ScenarioDirectory d, string file)
    {
        File.WriteAllBytes(d.FilePath(file), []);
        return (file, 0, null);
    }
}
