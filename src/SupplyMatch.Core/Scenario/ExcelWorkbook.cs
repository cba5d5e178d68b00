namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Recognises an Excel workbook sent where a CSV or JSON file was expected, so that its sender is told to save it as CSV
/// rather than that some byte is not UTF-8: an .xlsx is a ZIP archive holding an <c>xl/</c> folder, an .xls an OLE2
/// compound file.
/// </summary>
internal static class ExcelWorkbook
{
    private static ReadOnlySpan<byte> Zip => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> Ole2 => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The whole-file error for a workbook named <paramref name="file"/> sent as <paramref name="format"/> (CSV or JSON); null for anything else.</summary>
    public static DataError? Error(ReadOnlySpan<byte> bytes, string file, string format)
    {
        var workbook = bytes.StartsWith(Ole2) || (bytes.StartsWith(Zip) && bytes.IndexOf("xl/"u8) >= 0);
        if (!workbook)
        {
            return null;
        }

        return new DataError(file, 0, null, RowReasons.ExcelWorkbook.With(("format", format)));
    }
}
