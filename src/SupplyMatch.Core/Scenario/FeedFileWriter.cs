using System.Text;
using System.Text.Json;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>Writes feed files (sample feeds, benchmarks) and the report of a feed run's rejected rows.</summary>
public static class FeedFileWriter
{
    /// <summary>Demand lines as a feed file; <paramref name="chineseHeader"/> writes the Chinese column names.</summary>
    public static byte[] Lines(IEnumerable<DemandLine> lines, FeedFormat format, bool chineseHeader = false) =>
        Write(ScenarioColumns.Lines, lines, format, chineseHeader, l =>
        [
            l.Id, l.BuyerId, l.ProductCode, Vocabulary.Grades.Code(l.MinGrade), l.QuantityKg, l.Earliest, l.Latest,
            l.MaxLandedCnyPerKg, l.MinFreshnessPercent, l.PartialAllowed, l.Priority,
        ]);

    /// <summary>Harvest lots as a feed file.</summary>
    public static byte[] Lots(IEnumerable<HarvestLot> lots, FeedFormat format, bool chineseHeader = false) =>
        Write(ScenarioColumns.Lots, lots, format, chineseHeader, l =>
        [
            l.Id, l.BaseId, l.ProductCode, Vocabulary.Grades.Code(l.Grade), l.HarvestDate, l.AvailableFrom, l.AvailableTo,
            l.QuantityKg, l.FirmKg, l.PriceCnyPerKg, l.MinOrderKg,
        ]);

    /// <summary>
    /// Rejected rows as CSV (row, id, column, reason, code, reason_zh), one line per problem: the reason in English, the
    /// problem's code (<see cref="RowReasons"/>) and the reason in Chinese, the last two empty when unknown.
    /// </summary>
    public static byte[] RejectedRows(IEnumerable<(int Row, string? Id, string? Column, string Reason, string? Code, string? ReasonZh)> problems)
    {
        var text = new StringBuilder("row,id,column,reason,code,reason_zh\n");
        foreach (var (row, id, column, reason, code, reasonZh) in problems)
        {
            text.Append(CsvWriter.Of(row)).Append(',').Append(CsvWriter.Escape(id)).Append(',').Append(CsvWriter.Escape(column)).Append(',')
                .Append(CsvWriter.Escape(reason)).Append(',').Append(CsvWriter.Escape(code)).Append(',').Append(CsvWriter.Escape(reasonZh)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Write<T>(CsvSchema schema, IEnumerable<T> items, FeedFormat format, bool chineseHeader, Func<T, object?[]> cells) =>
        format == FeedFormat.Csv ? Csv(schema, items, chineseHeader, cells) : Json(schema, items, cells);

    private static byte[] Csv<T>(CsvSchema schema, IEnumerable<T> items, bool chineseHeader, Func<T, object?[]> cells)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', schema.Columns.Select(c => chineseHeader ? c.NameZh : c.Name)).Append('\n');
        foreach (var item in items)
        {
            text.AppendJoin(',', cells(item).Select(v => CsvWriter.Escape(Text(v)))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A JSON array of objects named by column; numbers and booleans as JSON values, empty optional cells left out.</summary>
    private static byte[] Json<T>(CsvSchema schema, IEnumerable<T> items, Func<T, object?[]> cells)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                var values = cells(item);
                for (var i = 0; i < values.Length; i++)
                {
                    WriteField(writer, schema.Columns[i].Name, values[i]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static void WriteField(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case bool b:
                writer.WriteBoolean(name, b);
                return;
            case int i:
                writer.WriteNumber(name, i);
                return;
            case decimal d:
                writer.WriteNumber(name, d);
                return;
            default:
                writer.WriteString(name, Text(value));
                return;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        int i => CsvWriter.Of(i),
        decimal d => CsvWriter.Of(d),
        bool b => CsvWriter.Of(b),
        DateOnly day => CsvWriter.Of(day),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
