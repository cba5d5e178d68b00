using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>How a feed's file is written: a JSON array of objects, or CSV with a header row.</summary>
public enum FeedFormat
{
    Json,
    Csv,
}

/// <summary>
/// The file a buyer or base system publishes for SupplyMatch to pull: demand lines (the columns of lines.csv) or
/// harvest lots (the columns of lots.csv), as CSV or as a JSON array. Both formats go through the same cell rules,
/// record rules and messages as the scenario files; the file belongs to one owner, so the owner column may be left
/// out and a row naming another owner is rejected. Each row's id is the owner's own id for it (the external id).
/// </summary>
public static class FeedFile
{
    /// <summary>Reads a demand feed of buyer <paramref name="buyerId"/>.</summary>
    public static RowParseResult<DemandLine> ParseLines(ReadOnlySpan<byte> body, FeedFormat format, ReferenceIndex reference, string fileName, string buyerId)
    {
        var table = DemandLineCsv.Table(reference.Buyers, reference.Products, buyerId);
        return Parse(body, format, table, fileName);
    }

    /// <summary>Reads a forecast feed of base <paramref name="baseId"/>.</summary>
    public static RowParseResult<HarvestLot> ParseLots(ReadOnlySpan<byte> body, FeedFormat format, ReferenceIndex reference, string fileName, string baseId)
    {
        var table = HarvestLotCsv.Table(reference.Bases, reference.Products, baseId);
        return Parse(body, format, table, fileName);
    }

    private static RowParseResult<T> Parse<T>(ReadOnlySpan<byte> body, FeedFormat format, CsvTable<T> table, string fileName)
    {
        if (format == FeedFormat.Csv)
        {
            return table.Parse(CsvReader.Read(body, fileName));
        }

        var rows = JsonRowReader.Read(body, fileName, table.Schema);
        var parsed = table.Parse(rows.Read);
        if ((rows.NotObjects.Count == 0 && rows.RowErrors.Count == 0) || !parsed.Readable)
        {
            return parsed;
        }

        // An object naming a column twice is rejected whatever its values are; its id still counts as listed.
        var errors = rows.RowErrors;
        var repeated = parsed.Accepted.Where(r => errors.ContainsKey(r.Row)).Select(r => new RejectedRow(r.Row, table.Key(r.Value), errors[r.Row]));
        var rejected = parsed.Rejected.Select(r => errors.TryGetValue(r.Row, out var more) ? r with { Errors = [.. more, .. r.Errors] } : r);
        return parsed with
        {
            Accepted = [.. parsed.Accepted.Where(r => !errors.ContainsKey(r.Row))],
            Rejected = [.. rejected.Concat(repeated).Concat(rows.NotObjects).OrderBy(r => r.Row)],
        };
    }
}
