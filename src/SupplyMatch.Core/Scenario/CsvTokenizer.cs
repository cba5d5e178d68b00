using System.Text;

namespace SupplyMatch.Core.Scenario;

/// <summary>Records of a CSV text, or the first syntax error; where the text ended (record and field).</summary>
internal sealed record CsvTokens(List<CsvRecord> Records, CsvSyntaxError? Error, int EndRow, int EndField);

/// <summary>A syntax error that makes a CSV text unreadable.</summary>
internal sealed record CsvSyntaxError(int Row, string Message);

/// <summary>The RFC 4180 state machine behind <see cref="CsvReader"/>.</summary>
internal static class CsvTokenizer
{
    /// <summary>
    /// Splits <paramref name="text"/> into records. With <paramref name="stopAtEnd"/> the text is a prefix
    /// of a longer file, so an open quoted field at its end is not an error.
    /// </summary>
    public static CsvTokens Tokenize(string text, bool stopAtEnd)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var i = 0;
        while (i < text.Length)
        {
            var recordRow = row;
            var blank = true;
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    blank = false;
                    var end = ReadQuoted(text, i + 1, field);
                    if (end < 0)
                    {
                        return stopAtEnd
                            ? Partial(records, fields, field, recordRow)
                            : Fail(records, recordRow, $"a quoted value that starts in row {recordRow} is never closed; the file may be cut off");
                    }

                    i = end;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        return Fail(records, recordRow, $"unexpected character '{text[i]}' after a closing quote; double a quote inside a quoted value (\"\")");
                    }
                }
                else
                {
                    var rest = text.AsSpan(i);
                    var length = rest.IndexOfAny(',', '\r', '\n');
                    length = length < 0 ? rest.Length : length;
                    field.Append(rest[..length]);
                    i += length;
                    blank &= length == 0;
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    blank = false;
                    i++;
                    continue;
                }

                var next = SkipLineEnd(text, i);
                if (stopAtEnd && next == i && i == text.Length)
                {
                    records.Add(new CsvRecord(recordRow, fields.ToArray()));
                    return new CsvTokens(records, null, recordRow, fields.Count - 1);
                }

                i = next;
                break;
            }

            if (!blank)
            {
                records.Add(new CsvRecord(recordRow, fields.ToArray()));
            }

            row++;
        }

        return new CsvTokens(records, null, row, 0);
    }

    /// <summary>Reads a quoted value after its opening quote; returns the index after the closing quote, or -1.</summary>
    private static int ReadQuoted(string text, int start, StringBuilder field)
    {
        var i = start;
        while (true)
        {
            var quote = text.IndexOf('"', i);
            if (quote < 0)
            {
                field.Append(text, i, text.Length - i);
                return -1;
            }

            field.Append(text, i, quote - i);
            if (quote + 1 < text.Length && text[quote + 1] == '"')
            {
                field.Append('"');
                i = quote + 2;
                continue;
            }

            return quote + 1;
        }
    }

    private static int SkipLineEnd(string text, int i)
    {
        if (i < text.Length && text[i] == '\r')
        {
            i++;
            return i < text.Length && text[i] == '\n' ? i + 1 : i;
        }

        return i < text.Length && text[i] == '\n' ? i + 1 : i;
    }

    private static CsvTokens Partial(List<CsvRecord> records, List<string> fields, StringBuilder field, int row)
    {
        fields.Add(field.ToString());
        records.Add(new CsvRecord(row, fields.ToArray()));
        return new CsvTokens(records, null, row, fields.Count - 1);
    }

    private static CsvTokens Fail(List<CsvRecord> records, int row, string message) =>
        new(records, new CsvSyntaxError(row, message), row, 0);
}
