using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>An accepted row of an uploaded lines file.</summary>
/// <param name="Row">Record number in the file (the header is row 1).</param>
/// <param name="Id">The id the row carried in the file's id column.</param>
/// <param name="LineId">The id of the stored demand line.</param>
public sealed record UploadedLine(int Row, string Id, string LineId);

/// <summary>One problem with one row of a file (row 1 is the header).</summary>
/// <param name="Column">The column at fault (its English name), or null when the row as a whole is wrong.</param>
public sealed record RowProblem(int Row, string? Id, string? Column, string Reason);

/// <summary>What became of an uploaded lines file: good rows are stored as demand lines; bad rows are listed with their reasons.</summary>
/// <param name="RowsRead">Data rows in the file.</param>
/// <param name="RejectedCount">Rows rejected (a row with several problems counts once; <c>rejected</c> lists each problem).</param>
public sealed record DemandUploadReport(
    string FileName, int RowsRead, int AcceptedCount, int RejectedCount, IReadOnlyList<UploadedLine> Accepted, IReadOnlyList<RowProblem> Rejected);

/// <summary>Buyers upload a lines file (data/README.md, lines.csv) instead of typing lines: good rows are kept, bad rows reported.</summary>
public static class DemandUploadEndpoints
{
    public const string CsvUnreadable = "csv_unreadable";
    private const long MaxBytes = 20 * 1024 * 1024;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["buyerId"] = "buyer_id", ["productCode"] = "product_code", ["minGrade"] = "min_grade", ["quantityKg"] = "quantity_kg", ["earliest"] = "earliest",
        ["latest"] = "latest", ["maxLandedCnyPerKg"] = "max_landed_cny_per_kg", ["minFreshnessPercent"] = "min_freshness_pct", ["priority"] = "priority",
    };

    public static void MapDemandUploadEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/demand-lines/upload", UploadAsync).WithTags("Demand").RequireAuthorization(Policies.BuyerOrPlanner)
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .Doc("UploadDemandLines", "Upload a lines file (CSV)",
                "A CSV in the lines.csv format of data/README.md (English or Chinese headers), sent as multipart/form-data (field 'file') or as a "
                + "text/csv body (name it with ?fileName=). With a buyer key the buyer_id column may be left out, and a row naming another buyer is "
                + "rejected. Rows are judged one by one: good rows become demand lines (new ids; the file's id is kept in the report), bad rows are "
                + "returned with row, column and reason. A file that cannot be read at all (not UTF-8, wrong header) gives 400 csv_unreadable with "
                + "fileErrors, and nothing is stored. At most 10,000 good rows per file (413).",
                400, 413, 415);

    private static async Task<Results<Ok<DemandUploadReport>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, string? fileName, HttpContext http, ReferenceDataStore reference, DemandStore demand, TimeProvider clock, CancellationToken ct)
    {
        var (bytes, name, refusal) = await ReadBodyAsync(request, fileName, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var own = http.User.OwnerScope();
        var parsed = DemandLineCsv.Parse(new MemoryStream(bytes!), await reference.LoadAsync(ct), name, own);
        if (!parsed.Readable)
        {
            return TypedResults.Problem("The file could not be read as a lines file; see fileErrors.", statusCode: 400, title: "Unreadable file",
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = CsvUnreadable,
                    ["fileErrors"] = parsed.FileErrors.Select(e => new RowProblem(e.Row, null, e.Column, e.Message)).ToList(),
                });
        }

        if (parsed.Accepted.Count > DemandLineReader.MaxBatch)
        {
            return Problem.Of(413, ErrorCodes.BatchTooLarge, "File too large",
                $"A file holds at most {DemandLineReader.MaxBatch} lines; this one has {parsed.Accepted.Count} good rows. Split it.");
        }

        var reader = await DemandLineReader.CreateAsync(reference, own, clock, ct);
        var rejected = parsed.Rejected.SelectMany(r => r.Errors.Select(e => new RowProblem(r.Row, r.Id, e.Column, e.Message))).ToList();
        var accepted = new List<(UploadedLine Row, DemandLine Line)>();
        foreach (var row in parsed.Accepted)
        {
            var v = new Validator();
            var line = reader.Read(v, "", Body(row.Value), DemandLineReader.NewId());
            if (v.Ok)
            {
                accepted.Add((new UploadedLine(row.Row, row.Value.Id, line.Id), line));
            }
            else
            {
                rejected.AddRange(v.Violations.Select(x => new RowProblem(row.Row, row.Value.Id, Columns.GetValueOrDefault(x.Field, x.Field), x.Message)));
            }
        }

        if (accepted.Count > 0)
        {
            await demand.SubmitAsync(accepted.Select(a => a.Line).ToList(), http.User.Actor(), ct);
        }

        rejected = [.. rejected.OrderBy(r => r.Row)];
        return TypedResults.Ok(new DemandUploadReport(name, parsed.Accepted.Count + parsed.Rejected.Count, accepted.Count,
            rejected.Select(r => r.Row).Distinct().Count(), accepted.Select(a => a.Row).ToList(), rejected));
    }

    /// <summary>The file's bytes and name from a multipart form (field "file") or a text/csv body, or the problem saying why not.</summary>
    private static async Task<(byte[]? Bytes, string Name, ProblemHttpResult? Refusal)> ReadBodyAsync(HttpRequest request, string? fileName, CancellationToken ct)
    {
        Stream source;
        var name = string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : Path.GetFileName(fileName);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } file)
            {
                return (null, name, Problem.Of(400, ErrorCodes.ValidationFailed, "File missing", "Send the CSV in the form field 'file'."));
            }

            source = file.OpenReadStream();
            name = Path.GetFileName(file.FileName);
        }
        else
        {
            source = request.Body;
        }

        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, name, Problem.Of(413, ErrorCodes.PayloadTooLarge, "File too large", $"A lines file may hold at most {MaxBytes / (1024 * 1024)} MB. Split it."));
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), name, null);
        }
    }

    private static DemandLineBody Body(DemandLine line) => new(line.BuyerId, line.ProductCode, line.MinGrade, line.QuantityKg, line.Earliest, line.Latest,
        line.MaxLandedCnyPerKg, line.MinFreshnessPercent, line.PartialAllowed, line.Priority);
}
