using System.Globalization;
using System.Text;

namespace SupplyMatch.Core.Scenario;

/// <summary>Writes RFC 4180 CSV: LF line ends, UTF-8 without BOM, values quoted only when they need it.</summary>
internal static class CsvWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a header and one line per item.</summary>
    public static void Write<T>(string path, CsvSchema schema, IEnumerable<T> items, Func<T, IEnumerable<string?>> cells)
    {
        var text = new StringBuilder();
        AppendLine(text, schema.Columns.Select(c => c.Name));
        foreach (var item in items)
        {
            AppendLine(text, cells(item));
        }

        File.WriteAllText(path, text.ToString(), Utf8NoBom);
    }

    /// <summary>A value as a CSV field, quoted when it holds a comma, quote, line break or outer spaces.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Of(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Of(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Of(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(bool value) => value ? "true" : "false";

    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Of(TimeOnly value) => value.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Of(IReadOnlySet<string> values) => string.Join(";", values.Order(StringComparer.Ordinal));

    private static void AppendLine(StringBuilder text, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            text.Append(Escape(cell));
            first = false;
        }

        text.Append('\n');
    }
}
