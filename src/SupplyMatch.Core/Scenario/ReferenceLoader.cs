using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>The reference files of a directory, read in dependency order, with every error found.</summary>
internal sealed record ReferenceLoad(ReferenceData Data, ReferenceIndex Index, IReadOnlyList<DataError> Errors);

/// <summary>
/// Loads the reference files (six, and hubs.csv when present). Each file is read completely even when an earlier one failed, so one run
/// reports every problem; ids of rejected rows are excused so a bad row is not reported again by the rows naming it.
/// </summary>
internal static class ReferenceLoader
{
    /// <param name="hubSource">Where hubs.csv is read when it is not in <paramref name="directory"/> (a scenario's own hubs).</param>
    public static ReferenceLoad Load(string directory, string displayPrefix, ScenarioFileSource? hubSource = null)
    {
        var errors = new List<DataError>();
        var source = new ScenarioFileSource(directory, displayPrefix);
        var cities = NonEmpty(ReferenceTables.Cities().Parse(source.Read(ScenarioFileNames.Cities)), source, ScenarioFileNames.Cities, "city", errors);
        var products = NonEmpty(ReferenceTables.Products().Parse(source.Read(ScenarioFileNames.Products)), source, ScenarioFileNames.Products, "product", errors);
        var bases = NonEmpty(ReferenceTables.Bases().Parse(source.Read(ScenarioFileNames.Bases)), source, ScenarioFileNames.Bases, "base", errors);
        var cityLookup = ReferenceIndex.CityLookup(cities.Values, Excused(cities), Unavailable(cities));
        var buyers = NonEmpty(ReferenceTables.Buyers(cityLookup).Parse(source.Read(ScenarioFileNames.Buyers)), source, ScenarioFileNames.Buyers, "buyer", errors);
        var vehicles = NonEmpty(ReferenceTables.VehicleTypes().Parse(source.Read(ScenarioFileNames.VehicleTypes)), source, ScenarioFileNames.VehicleTypes, "vehicle type", errors);
        var baseLookup = ReferenceIndex.BaseLookup(bases.Values, Excused(bases), Unavailable(bases));
        var buyerLookup = ReferenceIndex.BuyerLookup(buyers.Values, Excused(buyers), Unavailable(buyers));
        var lanes = source.Exists(ScenarioFileNames.Lanes)
            ? ReferenceTables.Lanes(baseLookup, buyerLookup, cityLookup).Parse(source.Read(ScenarioFileNames.Lanes))
            : new RowParseResult<Domain.Lane>([], [], []);
        errors.AddRange(lanes.Errors);
        var hubs = Hubs(hubSource is not null && hubSource.Exists(ScenarioFileNames.Hubs) ? hubSource : source, cityLookup);
        errors.AddRange(hubs.Errors);

        var data = new ReferenceData(products.Values, cities.Values, bases.Values, buyers.Values, vehicles.Values, lanes.Values) { Hubs = hubs.Values };
        var index = new ReferenceIndex(
            ReferenceIndex.ProductLookup(products.Values, Excused(products), Unavailable(products)),
            cityLookup,
            baseLookup,
            buyerLookup);
        return new ReferenceLoad(data, index, errors);
    }

    /// <summary>A reference that cannot be read at all: every id it would resolve is excused.</summary>
    public static ReferenceLoad Unavailable(IReadOnlyList<DataError> errors) => new(
        new ReferenceData([], [], [], [], [], []),
        new ReferenceIndex(
            ReferenceIndex.ProductLookup([], unavailable: true),
            ReferenceIndex.CityLookup([], unavailable: true),
            ReferenceIndex.BaseLookup([], unavailable: true),
            ReferenceIndex.BuyerLookup([], unavailable: true)),
        errors);

    /// <summary>The optional hubs file: without it no path uses a hub (MODEL.md "Logistics").</summary>
    private static RowParseResult<Domain.Hub> Hubs(ScenarioFileSource source, IdLookup<Domain.City> cities) =>
        source.Exists(ScenarioFileNames.Hubs)
            ? ReferenceTables.Hubs(cities).Parse(source.Read(ScenarioFileNames.Hubs))
            : new RowParseResult<Domain.Hub>([], [], []);

    private static IEnumerable<string> Excused<T>(RowParseResult<T> result) => result.Rejected.Select(r => r.Id).OfType<string>();

    /// <summary>An unreadable or empty file is reported once; ids that would resolve against it are not reported again.</summary>
    private static bool Unavailable<T>(RowParseResult<T> result) => !result.Readable || (result.Accepted.Count == 0 && result.Rejected.Count == 0);

    private static RowParseResult<T> NonEmpty<T>(RowParseResult<T> result, ScenarioFileSource source, string file, string what, List<DataError> errors)
    {
        errors.AddRange(result.Errors);
        if (result.Readable && result.Accepted.Count == 0 && result.Rejected.Count == 0)
        {
            errors.Add(new DataError(source.Display(file), 0, null, $"has a header but no rows; a scenario needs at least one {what}"));
        }

        return result;
    }
}

/// <summary>Reads the files of one directory, naming them in errors as the user would find them.</summary>
internal sealed class ScenarioFileSource(string directory, string displayPrefix)
{
    /// <summary>The name used in errors, e.g. "../reference/bases.csv" or "lots.csv".</summary>
    public string Display(string file) => displayPrefix + file;

    public bool Exists(string file) => File.Exists(Path.Combine(directory, file));

    /// <summary>The file's CSV, or an error when it is missing or cannot be read.</summary>
    public CsvReadResult Read(string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return new CsvReadResult(null, new DataError(Display(file), 0, null, $"file not found: {Path.GetFullPath(path)}"));
        }

        try
        {
            return CsvReader.Read(File.ReadAllBytes(path), Display(file));
        }
        catch (IOException ex)
        {
            return new CsvReadResult(null, new DataError(Display(file), 0, null, $"cannot be read: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            return new CsvReadResult(null, new DataError(Display(file), 0, null, $"cannot be read: {ex.Message}"));
        }
    }
}
