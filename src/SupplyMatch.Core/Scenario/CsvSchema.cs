namespace SupplyMatch.Core.Scenario;

/// <summary>A column of a scenario file: its English name, its accepted Chinese header, and whether it must be present.</summary>
public sealed record CsvColumn(string Name, string NameZh, bool Required = true)
{
    /// <summary>The same column, optional.</summary>
    public CsvColumn AsOptional() => this with { Required = false };
}

/// <summary>The columns of one scenario file, in the order they are written.</summary>
public sealed record CsvSchema(string FileName, IReadOnlyList<CsvColumn> Columns)
{
    /// <summary>The column called <paramref name="name"/> (English).</summary>
    public CsvColumn this[string name] => Columns.First(c => c.Name == name);

    /// <summary>The same schema with <paramref name="name"/> optional.</summary>
    public CsvSchema WithOptional(string name) =>
        this with { Columns = Columns.Select(c => c.Name == name ? c.AsOptional() : c).ToArray() };

    /// <summary>
    /// Matches a header row to the columns: English names (any case) or the Chinese names, any order.
    /// Unknown, repeated and missing required columns are errors in row 1.
    /// </summary>
    public BoundHeader Bind(string file, CsvRecord header)
    {
        if (OtherSeparator(header) is { } separator)
        {
            return new BoundHeader(new Dictionary<string, int>(), header.Fields.Count, [new DataError(file, header.Row, null,
                $"the header row is one column separated by {separator}; separate the columns with commas (in Excel: save as \"CSV UTF-8 (comma delimited)\")")]);
        }

        var errors = new List<DataError>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var text = header.Fields[i].Trim();
            var column = Columns.FirstOrDefault(c =>
                string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase) || c.NameZh == text);
            if (text.Length == 0)
            {
                errors.Add(new DataError(file, header.Row, null, $"header cell {i + 1} is empty; every column needs a name (delete empty columns)"));
            }
            else if (column is null)
            {
                errors.Add(new DataError(file, header.Row, text, $"unknown column \"{text}\"; the columns of {FileName} are {string.Join(", ", Columns.Select(c => c.Name))}"));
            }
            else if (!indexes.TryAdd(column.Name, i))
            {
                errors.Add(new DataError(file, header.Row, column.Name, $"column {column.Name} ({column.NameZh}) appears more than once"));
            }
        }

        foreach (var column in Columns.Where(c => c.Required && !indexes.ContainsKey(c.Name)))
        {
            errors.Add(new DataError(file, header.Row, column.Name, $"required column {column.Name} ({column.NameZh}) is missing"));
        }

        return new BoundHeader(indexes, header.Fields.Count, errors);
    }

    // A header that is a single cell holding ';' or tabs: the file was saved with another separator (Excel in many locales).
    private static string? OtherSeparator(CsvRecord header) =>
        header.Fields.Count != 1 ? null : header.Fields[0].Contains(';', StringComparison.Ordinal) ? "';'" : header.Fields[0].Contains('\t', StringComparison.Ordinal) ? "tabs" : null;
}

/// <summary>Where each known column sits in a file, and the header's problems.</summary>
public sealed record BoundHeader(IReadOnlyDictionary<string, int> Indexes, int Width, IReadOnlyList<DataError> Errors)
{
    /// <summary>True when the header is usable.</summary>
    public bool Ok => Errors.Count == 0;
}
