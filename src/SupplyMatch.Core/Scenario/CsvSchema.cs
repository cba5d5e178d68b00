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
            return new BoundHeader(new Dictionary<string, int>(), header.Fields.Count,
                [new DataError(file, header.Row, null, RowReasons.WrongSeparator.With(("separator", separator)))]);
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
                errors.Add(new DataError(file, header.Row, null, RowReasons.HeaderCellEmpty.With(("cell", i + 1))));
            }
            else if (column is null)
            {
                errors.Add(new DataError(file, header.Row, text,
                    RowReasons.UnknownColumn.With(("column", text), ("file", FileName), ("columns", string.Join(", ", Columns.Select(c => c.Name))))));
            }
            else if (!indexes.TryAdd(column.Name, i))
            {
                errors.Add(new DataError(file, header.Row, column.Name, RowReasons.ColumnRepeated.With(("column", column.Name), ("column_zh", column.NameZh))));
            }
        }

        foreach (var column in Columns.Where(c => c.Required && !indexes.ContainsKey(c.Name)))
        {
            errors.Add(new DataError(file, header.Row, column.Name, RowReasons.ColumnMissing.With(("column", column.Name), ("column_zh", column.NameZh))));
        }

        return new BoundHeader(indexes, header.Fields.Count, errors);
    }

    // A header that is a single cell holding ';' or tabs: the file was saved with another separator (Excel in many locales).
    private static Bilingual? OtherSeparator(CsvRecord header) =>
        header.Fields.Count != 1 ? null
        : header.Fields[0].Contains(';', StringComparison.Ordinal) ? new("';'", "“;”")
        : header.Fields[0].Contains('\t', StringComparison.Ordinal) ? new("tabs", "制表符")
        : null;
}

/// <summary>Where each known column sits in a file, and the header's problems.</summary>
public sealed record BoundHeader(IReadOnlyDictionary<string, int> Indexes, int Width, IReadOnlyList<DataError> Errors)
{
    /// <summary>True when the header is usable.</summary>
    public bool Ok => Errors.Count == 0;
}
