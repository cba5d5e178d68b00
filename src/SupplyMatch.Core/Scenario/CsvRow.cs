namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Reads the cells of one record by column, checking each with its <see cref="ValueRule{T}"/>.
/// Problems are collected, not thrown: after reading, <see cref="Errors"/> says whether the row is good.
/// </summary>
internal sealed class CsvRow
{
    private readonly string _file;
    private readonly CsvRecord _record;
    private readonly BoundHeader _header;
    private readonly List<DataError> _errors = [];
    private readonly HashSet<string> _unread = new(StringComparer.Ordinal);

    internal CsvRow(string file, CsvRecord record, BoundHeader header)
    {
        _file = file;
        _record = record;
        _header = header;
    }

    /// <summary>The record number (the header is row 1).</summary>
    public int Row => _record.Row;

    /// <summary>Problems found so far in this row.</summary>
    public IReadOnlyList<DataError> Errors => _errors;

    /// <summary>The columns whose cell did not read (missing or breaking its rule): their values are defaults, not the file's.</summary>
    public IReadOnlySet<string> Unread => _unread;

    /// <summary>The trimmed cell of a column; null when the column is absent or the cell empty.</summary>
    public string? Cell(CsvColumn column)
    {
        if (!_header.Indexes.TryGetValue(column.Name, out var index) || index >= _record.Fields.Count)
        {
            return null;
        }

        var text = _record.Fields[index].Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>A value that must be present.</summary>
    public T Required<T>(CsvColumn column, ValueRule<T> rule)
    {
        var text = Cell(column);
        if (text is null)
        {
            Fail(column.Name, rule.Missing());
            return default!;
        }

        return Read(column, rule, text, default!);
    }

    /// <summary>A value that may be left out or empty, with its default.</summary>
    public T Optional<T>(CsvColumn column, ValueRule<T> rule, T fallback)
    {
        var text = Cell(column);
        return text is null ? fallback : Read(column, rule, text, fallback);
    }

    /// <summary>A value that may be left out or empty, null then.</summary>
    public T? OptionalValue<T>(CsvColumn column, ValueRule<T> rule)
        where T : struct
    {
        var text = Cell(column);
        return text is null ? null : Read(column, rule, text, default(T));
    }

    /// <summary>Records a problem with a column of this row.</summary>
    public void Fail(string? column, RowReason reason)
    {
        _errors.Add(new DataError(_file, Row, column, reason));
        if (column is not null)
        {
            _unread.Add(column);
        }
    }

    /// <summary>Records a problem a record rule found.</summary>
    public void Fail(FieldError error) =>
        _errors.Add(new DataError(_file, Row, error.Column, error.Message) { Code = error.Code, MessageZh = error.MessageZh });

    private T Read<T>(CsvColumn column, ValueRule<T> rule, string text, T fallback)
    {
        if (rule.TryParse(text, out var value, out var error))
        {
            return value;
        }

        Fail(column.Name, error!);
        return fallback;
    }
}
