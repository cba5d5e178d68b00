using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Api.Endpoints;

/// <summary>
/// The service's rules for a new line or lot (those its POST enforces) applied to the good rows of a file read row by row
/// (an upload, a feed). A row that breaks one is rejected as the file reader rejects a row, under the file's column name
/// with the problem's code and reasons, so it is reported, never written, and still counts as a row of the file.
/// A row the reader already rejected is checked too, from the cells that read: each column it has no reason for yet gets
/// the service's, so a user fixes the row in one pass instead of meeting its next problem at the next upload or pull.
/// </summary>
public static class ServiceRowRules
{
    private static readonly IReadOnlySet<string> AllRead = new HashSet<string>();

    /// <summary>The rows with those that break <paramref name="rules"/> moved to the rejected ones (in row order).</summary>
    /// <param name="key">The row's id in the file.</param>
    /// <param name="rules">The rules, given a row's value and its columns that did not read (to leave out of the body checked).</param>
    /// <param name="columns">The file's column of each body field the rules name.</param>
    public static RowParseResult<T> Apply<T>(
        RowParseResult<T> rows, string fileName, Func<T, string> key, Action<Validator, T, IReadOnlySet<string>> rules, IReadOnlyDictionary<string, string> columns)
    {
        var accepted = new List<ParsedRow<T>>(rows.Accepted.Count);
        var rejected = new List<RejectedRow>(rows.Rejected.Count);
        var partlyRead = rows.PartlyRead.ToDictionary(r => r.Row);
        var changed = false;
        foreach (var row in rows.Rejected)
        {
            // Only columns without a reason yet: an unread cell has its own, and a rule of the reader may have judged the column.
            var reported = row.Errors.Select(e => e.Column).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var more = partlyRead.TryGetValue(row.Row, out var read) ? Broken(rules, read.Value, read.Unread, fileName, row.Row, columns, reported) : [];
            rejected.Add(more.Count == 0 ? row : row with { Errors = [.. row.Errors, .. more] });
            changed |= more.Count > 0;
        }

        foreach (var row in rows.Accepted)
        {
            var broken = Broken(rules, row.Value, AllRead, fileName, row.Row, columns, AllRead);
            if (broken.Count == 0)
            {
                accepted.Add(row);
            }
            else
            {
                rejected.Add(new RejectedRow(row.Row, key(row.Value), broken));
                changed = true;
            }
        }

        return changed ? rows with { Accepted = accepted, Rejected = [.. rejected.OrderBy(r => r.Row)] } : rows;
    }

    private static List<DataError> Broken<T>(Action<Validator, T, IReadOnlySet<string>> rules, T value, IReadOnlySet<string> unread, string fileName, int row,
        IReadOnlyDictionary<string, string> columns, IReadOnlySet<string> reported)
    {
        var v = new Validator();
        rules(v, value, unread);
        return [.. v.Violations
            .Select(x => (Column: columns.GetValueOrDefault(x.Field, x.Field), Violation: x))
            .Where(x => !reported.Contains(x.Column) && !unread.Contains(x.Column))
            .Select(x => Error(fileName, row, x.Column, x.Violation))];
    }

    /// <summary>A rule with a row problem in the catalogue is reported as that problem; one without, by its rule name, in English only.</summary>
    private static DataError Error(string fileName, int row, string column, Violation violation) =>
        violation.Reason is { } reason
            ? new DataError(fileName, row, column, reason)
            : new DataError(fileName, row, column, violation.Message) { Code = violation.Rule };
}
