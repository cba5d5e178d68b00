using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>A problem found in an input file. Row 1 is the header; row 0 means the whole file.</summary>
public sealed record DataError(string File, int Row, string? Column, string Message)
{
    /// <summary>A problem of the catalogue (<see cref="RowReasons"/>), with its code and both reasons.</summary>
    public DataError(string file, int row, string? column, RowReason reason)
        : this(file, row, column, reason.English)
    {
        Code = reason.Code;
        MessageZh = reason.Chinese;
    }

    /// <summary>
    /// The stable code of the problem (<see cref="RowReasons"/>): set for every problem of a file or row read row by row;
    /// null for problems of a scenario directory as a whole (a missing file, scenario.json).
    /// </summary>
    public string? Code { get; init; }

    /// <summary>The reason in Chinese, when <see cref="Code"/> is set.</summary>
    public string? MessageZh { get; init; }

    /// <summary>"lots.csv row 14, column quantity_kg: "-5" is not a positive whole number of kg".</summary>
    public override string ToString()
    {
        var where = Row > 0 ? $"{File} row {Row}" : File;
        return Column is null ? $"{where}: {Message}" : $"{where}, column {Column}: {Message}";
    }
}

/// <summary>A value loaded all-or-nothing: either the value, or the errors that stopped it.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<DataError> Errors)
    where T : class
{
    /// <summary>True when the value loaded without errors.</summary>
    public bool Ok => Value is not null && Errors.Count == 0;
}

/// <summary>Reads and writes scenario directories in the CSV formats documented in data/README.md.</summary>
public static class ScenarioFiles
{
    /// <summary>Loads a scenario directory (reference data, lots, lines, settings); nothing is returned when any row is bad.</summary>
    public static LoadResult<MatchingProblem> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new(null, [new DataError(directory, 0, null, "scenario directory not found")]);
        }

        var (manifest, reference, errors) = LoadManifestAndReference(directory);
        var source = new ScenarioFileSource(directory, string.Empty);
        var lotTable = HarvestLotCsv.Table(reference.Index.Bases, reference.Index.Products);
        var lineTable = DemandLineCsv.Table(reference.Index.Buyers, reference.Index.Products);
        var lots = (lotTable with { Check = (lot, unread) => lotTable.Check(lot, unread).Concat(OutsideCalendar(unread, ("harvest_date", lot.HarvestDate), ("available_from", lot.AvailableFrom), ("available_to", lot.AvailableTo))) })
            .Parse(source.Read(ScenarioFileNames.Lots));
        var lines = (lineTable with { Check = (line, unread) => lineTable.Check(line, unread).Concat(OutsideCalendar(unread, ("earliest", line.Earliest), ("latest", line.Latest))) })
            .Parse(source.Read(ScenarioFileNames.Lines));
        errors.AddRange(lots.Errors);
        errors.AddRange(lines.Errors);
        return manifest is null || errors.Count > 0
            ? new(null, errors)
            : new(new MatchingProblem(reference.Data, lots.Values, lines.Values, manifest.Settings), []);
    }

    /// <summary>
    /// Loads only the reference data of a directory: the files scenario.json points to, or the directory's own.
    /// </summary>
    public static LoadResult<ReferenceData> LoadReference(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new(null, [new DataError(directory, 0, null, "reference directory not found")]);
        }

        var (manifest, reference, errors) = LoadManifestAndReference(directory);
        return manifest is null || errors.Count > 0 ? new(null, errors) : new(reference.Data, []);
    }

    /// <summary>
    /// Days of a row outside the planning calendar (<see cref="PlanningCalendar"/>), as the service refuses them: a
    /// scenario day in 9999 would leave no valid date for its delivery.
    /// </summary>
    private static IEnumerable<FieldError> OutsideCalendar(IReadOnlySet<string> unread, params (string Column, DateOnly Day)[] days) =>
        days.Where(d => !unread.Contains(d.Column) && !PlanningCalendar.Contains(d.Day)).Select(d => new FieldError(d.Column, RowReasons.OutOfRange.With(PlanningCalendar.RangeArguments())));

    /// <summary>
    /// The full paths of the files a scenario directory is read from: its own files and, when its scenario.json names a
    /// reference directory, the reference files there. Paths compare without regard to letter case, as on file
    /// systems that ignore it. A scenario.json that cannot be read names no reference directory.
    /// </summary>
    public static IReadOnlySet<string> InputFiles(string directory)
    {
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var own = Path.GetFullPath(directory);
        files.UnionWith(ScenarioFileNames.All.Select(name => Path.Combine(own, name)));
        if (ScenarioJson.Read(directory).Manifest?.Reference is { } relative)
        {
            var reference = Path.GetFullPath(Path.Combine(directory, relative));
            files.UnionWith(ScenarioFileNames.Reference.Select(name => Path.Combine(reference, name)));
        }

        return files;
    }

    /// <summary>Writes a problem as a self-contained scenario directory.</summary>
    public static void WriteDirectory(MatchingProblem problem, string directory) => ScenarioWriter.Write(problem, directory);

    private static (ScenarioManifest? Manifest, ReferenceLoad Reference, List<DataError> Errors) LoadManifestAndReference(string directory)
    {
        var (manifest, manifestErrors) = ScenarioJson.Read(directory);
        var errors = manifestErrors.ToList();
        if (manifest is null)
        {
            // Without a readable scenario.json the reference directory is unknown: report only the manifest.
            return (null, ReferenceLoader.Unavailable([]), errors);
        }

        if (manifest.Reference is not { } relative)
        {
            var own = ReferenceLoader.Load(directory, string.Empty);
            errors.AddRange(own.Errors);
            return (manifest, own, errors);
        }

        var referenceDirectory = Path.GetFullPath(Path.Combine(directory, relative));
        if (!Directory.Exists(referenceDirectory))
        {
            errors.Add(new DataError(ScenarioFileNames.ScenarioJson, 0, "reference", $"reference directory \"{relative}\" not found ({referenceDirectory})"));
            return (manifest, ReferenceLoader.Unavailable([]), errors);
        }

        // A scenario's own hubs.csv wins over the reference directory's, so hub variants need no copy of the reference.
        var reference = ReferenceLoader.Load(referenceDirectory, relative.Replace('\\', '/').TrimEnd('/') + "/", new ScenarioFileSource(directory, string.Empty));
        errors.AddRange(reference.Errors);
        return (manifest, reference, errors);
    }
}
