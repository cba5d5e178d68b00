using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace SupplyMatch.Core.Scenario;

/// <summary>
/// A JSON array read as rows: the records in the shape of a CSV document, the elements that are not objects, and the
/// problems of objects that name a column more than once (by row).
/// </summary>
internal sealed record JsonRows(CsvReadResult Read, IReadOnlyList<RejectedRow> NotObjects, IReadOnlyDictionary<int, IReadOnlyList<DataError>> RowErrors);

/// <summary>
/// Reads a JSON array of objects into the row model of the CSV files, so that the same cell rules, record rules and
/// messages apply. Element n of the array is row n (the first object is row 1; row 0 is the whole file). Field names
/// are the column names of the file (<c>quantity_kg</c>), their camelCase form (<c>quantityKg</c>) or the Chinese
/// header names; strings, numbers and booleans are read as the text of a cell, null as an empty cell. An object that
/// names a column twice (the same key twice, or two spellings such as <c>quantity_kg</c> and <c>quantityKg</c>) is
/// rejected with <c>column_repeated</c>, as a CSV header repeating a column is: neither value is taken for the other.
/// </summary>
internal static class JsonRowReader
{
    public static JsonRows Read(ReadOnlySpan<byte> bytes, string file, CsvSchema schema)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (ExcelWorkbook.Error(bytes, file, "JSON") is { } workbook)
        {
            return Unreadable(workbook);
        }

        if (Utf16Text.Error(bytes, file) is { } utf16)
        {
            return Unreadable(utf16);
        }

        if (InvalidUtf8(bytes, file) is { } encoding)
        {
            return Unreadable(encoding);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? new Bilingual($" (line {line + 1}, byte {e.BytePositionInLine + 1})", $"（第 {line + 1} 行第 {e.BytePositionInLine + 1} 字节）")
                : new Bilingual("", "");
            return Unreadable(new DataError(file, 0, null, RowReasons.JsonInvalid.With(("where", where))));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Unreadable(new DataError(file, 0, null, RowReasons.JsonNotArray.With(("kind", Kind(document.RootElement.ValueKind)))));
            }

            return Rows(document.RootElement, file, schema);
        }
    }

    private static JsonRows Rows(JsonElement array, string file, CsvSchema schema)
    {
        var header = schema.Columns.Select(c => c.Name).ToList();
        var index = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<(int Row, Dictionary<int, string> Cells)>();
        var notObjects = new List<RejectedRow>();
        var rowErrors = new Dictionary<int, IReadOnlyList<DataError>>();
        var row = 0;
        foreach (var element in array.EnumerateArray())
        {
            row++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                notObjects.Add(new RejectedRow(row, null, [new DataError(file, row, null, RowReasons.NotAnObject.With(("row", row), ("kind", Kind(element.ValueKind))))]));
                continue;
            }

            var cells = new Dictionary<int, string>();
            var repeated = new List<DataError>();
            foreach (var property in element.EnumerateObject())
            {
                if (!names.TryGetValue(property.Name, out var name))
                {
                    name = ColumnName(schema, property.Name);
                    names[property.Name] = name;
                }

                if (!index.TryGetValue(name, out var at))
                {
                    at = header.Count;
                    header.Add(name);
                    index[name] = at;
                }

                if (!cells.TryAdd(at, Cell(property.Value)) && schema.Columns.FirstOrDefault(c => c.Name == name) is { } column
                    && !repeated.Any(e => e.Column == column.Name))
                {
                    repeated.Add(new DataError(file, row, column.Name, RowReasons.ColumnRepeated.With(("column", column.Name), ("column_zh", column.NameZh))));
                }
            }

            if (repeated.Count > 0)
            {
                rowErrors[row] = repeated;
            }

            rows.Add((row, cells));
        }

        var records = rows.Select(r => new CsvRecord(r.Row, Enumerable.Range(0, header.Count).Select(i => r.Cells.GetValueOrDefault(i, "")).ToArray())).ToList();
        return new JsonRows(new CsvReadResult(new CsvDocument(file, new CsvRecord(0, header), records), null), notObjects, rowErrors);
    }

    /// <summary>The column a field name stands for (its English name), or the name itself when it is unknown.</summary>
    private static string ColumnName(CsvSchema schema, string field)
    {
        var plain = Plain(field);
        return schema.Columns.FirstOrDefault(c => c.NameZh == field.Trim() || Plain(c.Name) == plain)?.Name ?? field;
    }

    private static string Plain(string name) => name.Trim().Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static Bilingual Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => new("object", "对象"),
        JsonValueKind.Array => new("array", "数组"),
        JsonValueKind.String => new("string", "字符串"),
        JsonValueKind.Number => new("number", "数字"),
        JsonValueKind.True or JsonValueKind.False => new("boolean", "布尔值"),
        _ => new("null", "null"),
    };

    private static JsonRows Unreadable(DataError error) => new(new CsvReadResult(null, error), [], new Dictionary<int, IReadOnlyList<DataError>>());

    /// <summary>The first byte that is not UTF-8, as a file problem (<c>not_utf8_at_offset</c>); null when every byte is.</summary>
    internal static DataError? InvalidUtf8(ReadOnlySpan<byte> bytes, string file)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
            return new DataError(file, 0, null,
                RowReasons.NotUtf8AtOffset.With(("byte", bytes[read].ToString("X2", System.Globalization.CultureInfo.InvariantCulture)), ("offset", read)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
