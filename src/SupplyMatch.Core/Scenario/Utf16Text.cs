namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Recognises a UTF-16 text file by its byte order mark, so that its sender is told to save it as CSV UTF-8 rather than
/// that its first byte is not UTF-8: Excel's "Unicode Text" export (and Notepad's "Unicode") writes UTF-16 LE with a BOM.
/// </summary>
internal static class Utf16Text
{
    private static ReadOnlySpan<byte> LittleEndian => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> BigEndian => [0xFE, 0xFF];

    /// <summary>The whole-file error for UTF-16 text named <paramref name="file"/>; null for anything else.</summary>
    public static DataError? Error(ReadOnlySpan<byte> bytes, string file)
    {
        var encoding = bytes.StartsWith(LittleEndian) ? "UTF-16 LE" : bytes.StartsWith(BigEndian) ? "UTF-16 BE" : null;
        return encoding is null ? null : new DataError(file, 0, null, RowReasons.Utf16.With(("encoding", encoding)));
    }
}
