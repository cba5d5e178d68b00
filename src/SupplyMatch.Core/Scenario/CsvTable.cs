namespace SupplyMatch.Core.Scenario;

/// <summary>A good row and its record number (the header is row 1).</summary>
public sealed record ParsedRow<T>(int Row, T Value);

/// <summary>A row that was not accepted: its record number, its id when it had one, and every problem in it.</summary>
public sealed record RejectedRow(int Row, string? Id, IReadOnlyList<DataError> Errors);

/// <summary>A problem with one column of a record that arrived typed (REST) rather than as CSV.</summary>
/// <param name="Message">The reason in English.</param>
public sealed record FieldError(string Column, string Message)
{
    /// <summary>A problem of the catalogue (<see cref="RowReasons"/>), with its code and both reasons.</summary>
    public FieldError(string column, RowReason reason)
        : this(column, reason.English)
    {
        Code = reason.Code;
        MessageZh = reason.Chinese;
    }

    /// <summary>The stable code of the problem (<see cref="RowReasons"/>); null for problems outside the catalogue (settings).</summary>
    public string? Code { get; init; }

    /// <summary>The reason in Chinese, when <see cref="Code"/> is set.</summary>
    public string? MessageZh { get; init; }
}

/// <summary>
/// A rejected row whose cells were matched to the columns: the values that read, and the columns that did not (their
/// values are defaults). Rules applied after reading (the service's) add their reasons from the cells that did read.
/// </summary>
public sealed record PartlyReadRow<T>(int Row, T Value, IReadOnlySet<string> Unread);

/// <summary>
/// The outcome of reading a file row by row: the good rows, the rejected ones, and the errors that made the
/// whole file unreadable (not UTF-8, bad header, cut-off quoted value). When the file is unreadable no row is read.
/// </summary>
public sealed record RowParseResult<T>(
    IReadOnlyList<ParsedRow<T>> Accepted,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<DataError> FileErrors)
{
    /// <summary>The rejected rows whose cells were matched to the columns, with what they read (see <see cref="PartlyReadRow{T}"/>).</summary>
    public IReadOnlyList<PartlyReadRow<T>> PartlyRead { get; init; } = [];

    /// <summary>False when the file could not be read at all.</summary>
    public bool Readable => FileErrors.Count == 0;

    /// <summary>Every problem: the file's, then each rejected row's in row order.</summary>
    public IReadOnlyList<DataError> Errors => [.. FileErrors, .. Rejected.SelectMany(r => r.Errors)];

    /// <summary>The accepted values without row numbers.</summary>
    public IReadOnlyList<T> Values => Accepted.Select(r => r.Value).ToArray();
}

/// <summary>How one kind of file turns records into values: schema, cell reading, record rules and the unique key.</summary>
/// <param name="Check">
/// The record rules (how cells of a row fit together, the ids they name), given the columns whose cell did not read. A rule
/// runs when the cells it compares read, so a row with a bad price still hears that its minimum order exceeds its quantity.
/// </param>
internal sealed record CsvTable<T>(
    CsvSchema Schema,
    CsvColumn KeyColumn,
    Func<CsvRow, T> Read,
    Func<T, string> Key,
    Func<T, IReadOnlySet<string>, IEnumerable<FieldError>> Check)
{
    /// <summary>A table whose record rules need every cell of the row: they run only when all of them read.</summary>
    public CsvTable(CsvSchema schema, CsvColumn keyColumn, Func<CsvRow, T> read, Func<T, string> key, Func<T, IEnumerable<FieldError>> check)
        : this(schema, keyColumn, read, key, (value, unread) => unread.Count == 0 ? check(value) : [])
    {
    }

    /// <summary>Reads every record of a file; rows are judged one by one.</summary>
    public RowParseResult<T> Parse(CsvReadResult read)
    {
        if (read.Document is not { } document)
        {
            return new RowParseResult<T>([], [], [read.Error!]);
        }

        var header = Schema.Bind(document.File, document.Header);
        if (!header.Ok)
        {
            return new RowParseResult<T>([], [], header.Errors);
        }

        var accepted = new List<ParsedRow<T>>(document.Records.Count);
        var rejected = new List<RejectedRow>();
        var partlyRead = new List<PartlyReadRow<T>>();
        var firstRowOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in document.Records)
        {
            var row = new CsvRow(document.File, record, header);
            var value = ReadRecord(row, header.Width, record.Fields.Count);
            var key = row.Errors.Count == 0 ? Key(value) : row.Cell(KeyColumn);
            if (key is not null && !firstRowOfKey.TryAdd(key, row.Row))
            {
                row.Fail(KeyColumn.Name, RowReasons.DuplicateId.With(
                    ("column", new Bilingual(KeyColumn.Name, KeyColumn.NameZh)), ("id", key), ("first_row", firstRowOfKey[key])));
            }

            if (row.Errors.Count == 0)
            {
                accepted.Add(new ParsedRow<T>(row.Row, value));
            }
            else
            {
                rejected.Add(new RejectedRow(row.Row, row.Cell(KeyColumn), row.Errors));
                if (record.Fields.Count == header.Width)
                {
                    partlyRead.Add(new PartlyReadRow<T>(row.Row, value, row.Unread));
                }
            }
        }

        return new RowParseResult<T>(accepted, rejected, []) { PartlyRead = partlyRead };
    }

    private T ReadRecord(CsvRow row, int width, int cells)
    {
        if (cells != width)
        {
            row.Fail(null, RowReasons.RowWidthMismatch.With(("cells", cells), ("width", width)));
            return default!;
        }

        var value = Read(row);
        var unread = row.Unread.ToHashSet(StringComparer.Ordinal);
        foreach (var error in Check(value, unread))
        {
            row.Fail(error);
        }

        return value;
    }
}
