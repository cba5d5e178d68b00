using System.Buffers;
using System.Text.Unicode;

namespace SupplyMatch.Core.Scenario;

/// <summary>One CSV record. <see cref="Row"/> counts records from 1 (the header), as a spreadsheet shows them.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>A CSV file split into its header and data records (blank lines dropped).</summary>
public sealed record CsvDocument(string File, CsvRecord Header, IReadOnlyList<CsvRecord> Records);

/// <summary>Either a document or the error that made the file unreadable.</summary>
public sealed record CsvReadResult(CsvDocument? Document, DataError? Error);

/// <summary>
/// A strict RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside quotes,
/// CRLF, LF or CR line ends, an optional UTF-8 byte order mark. Bytes that are not UTF-8 make the file unreadable, and a
/// UTF-16 byte order mark is named as such.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a whole stream as a CSV file named <paramref name="file"/> in error messages.</summary>
    public static CsvReadResult Read(Stream stream, string file)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), file);
    }

    /// <summary>Reads CSV bytes.</summary>
    public static CsvReadResult Read(ReadOnlySpan<byte> bytes, string file)
    {
        if (ExcelWorkbook.Error(bytes, file, "CSV") is { } workbook)
        {
            return new CsvReadResult(null, workbook);
        }

        if (Utf16Text.Error(bytes, file) is { } utf16)
        {
            return new CsvReadResult(null, utf16);
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var bytesRead, out var written, replaceInvalidSequences: false);
            var text = new string(chars, 0, written);
            return status == OperationStatus.Done
                ? ReadText(text, file)
                : new CsvReadResult(null, InvalidUtf8(text, bytes[bytesRead], file));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Reads CSV text that is already decoded.</summary>
    public static CsvReadResult ReadText(string text, string file)
    {
        var tokens = CsvTokenizer.Tokenize(text, stopAtEnd: false);
        if (tokens.Error is { } error)
        {
            return new CsvReadResult(null, new DataError(file, error.Row, null, error.Reason));
        }

        var records = tokens.Records;
        if (records.Count == 0)
        {
            return new CsvReadResult(null, new DataError(file, 0, null, RowReasons.FileEmpty.With()));
        }

        if (records[0].Row != 1)
        {
            return new CsvReadResult(null, new DataError(file, 1, null, RowReasons.HeaderRowEmpty.With()));
        }

        return new CsvReadResult(new CsvDocument(file, records[0], records.Skip(1).ToList()), null);
    }

    private static DataError InvalidUtf8(string validPrefix, byte badByte, string file)
    {
        // The prefix before the bad byte tells which record and field it sits in.
        var prefix = CsvTokenizer.Tokenize(validPrefix, stopAtEnd: true);
        string? column = null;
        if (prefix.EndRow > 1 && prefix.Records.Count > 0 && prefix.Records[0].Row == 1
            && prefix.EndField < prefix.Records[0].Fields.Count)
        {
            column = prefix.Records[0].Fields[prefix.EndField].Trim();
        }

        return new DataError(file, prefix.EndRow, column, RowReasons.NotUtf8.With(("byte", badByte.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
