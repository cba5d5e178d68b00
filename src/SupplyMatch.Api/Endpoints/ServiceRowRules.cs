using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Api.Endpoints;

/// <summary>
/// The service's rules for a new line or lot (those its POST enforces) applied to the good rows of a file read row by row
/// (an upload, a feed). A row that breaks one is rejected as the file reader rejects a row, under the file's column name
/// with the problem's code and reasons, so it is reported, never written, and still counts as a row of the file.
/// </summary>
public static class ServiceRowRules
{
    /// <summary>The rows with those that break <paramref name="rules"/> moved to the rejected ones (in row order).</summary>
    /// <param name="key">The row's id in the file.</param>
    /// <param name="columns">The file's column of each body field the rules name.</param>
    public static RowParseResult<T> Apply<T>(
        RowParseResult<T> rows, string fileName, Func<T, string> key, Action<Validator, T> rules, IReadOnlyDictionary<string, string> columns)
    {
        var accepted = new List<ParsedRow<T>>(rows.Accepted.Count);
        var rejected = rows.Rejected.ToList();
        foreach (var row in rows.Accepted)
        {
            var v = new Validator();
            rules(v, row.Value);
            if (v.Ok)
            {
                accepted.Add(row);
            }
            else
            {
                rejected.Add(new RejectedRow(row.Row, key(row.Value),
                    [.. v.Violations.Select(x => Error(fileName, row.Row, columns.GetValueOrDefault(x.Field, x.Field), x))]));
            }
        }

        return rejected.Count == rows.Rejected.Count ? rows : rows with { Accepted = accepted, Rejected = [.. rejected.OrderBy(r => r.Row)] };
    }

    /// <summary>A rule with a row problem in the catalogue is reported as that problem; one without, by its rule name, in English only.</summary>
    private static DataError Error(string fileName, int row, string column, Violation violation) =>
        violation.Reason is { } reason
            ? new DataError(fileName, row, column, reason)
            : new DataError(fileName, row, column, violation.Message) { Code = violation.Rule };
}
