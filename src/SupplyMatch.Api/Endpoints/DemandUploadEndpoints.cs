using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>An accepted row of an uploaded lines file.</summary>
/// <param name="Row">Record number in the file (the header is row 1).</param>
/// <param name="Id">The id the row carried in the file's id column.</param>
/// <param name="LineId">The id of the demand line the row holds: new when created, the existing line's otherwise.</param>
/// <param name="Outcome">created (a new (buyer, id)), updated (the line took the row's terms; the old version is kept) or unchanged (nothing written).</param>
public sealed record UploadedLine(int Row, string Id, string LineId, UploadOutcome Outcome);

/// <summary>One problem with one row of a file (row 1 is the header), in English and in Chinese with the same specifics.</summary>
/// <param name="Column">The column at fault (its English name), or null when the row as a whole is wrong.</param>
/// <param name="Reason">What is wrong, in English, with the row's values, ids and limits.</param>
/// <param name="Code">
/// The problem's stable code (snake_case; data/README.md, "Row problems"), e.g. quantity_not_positive, unknown_product, duplicate_id,
/// latest_in_past, held_by_round.
/// </param>
/// <param name="ReasonZh">The reason in Chinese (中文原因), with the same values, ids and limits as reason.</param>
public sealed record RowProblem(int Row, string? Id, string? Column, string Reason, string? Code, string? ReasonZh)
{
    /// <summary>A problem the file reader found.</summary>
    public static RowProblem Of(int row, string? id, DataError error) => new(row, id, error.Column, error.Message, error.Code, error.MessageZh);

    /// <summary>A problem of the catalogue.</summary>
    public static RowProblem Of(int row, string? id, string? column, RowReason reason) => new(row, id, column, reason.English, reason.Code, reason.Chinese);
}

/// <summary>What became of an uploaded lines file: good rows create, update or confirm the buyer's lines keyed by (buyer, id); bad rows are listed with their reasons.</summary>
/// <param name="RowsRead">Data rows in the file.</param>
/// <param name="AcceptedCount">Rows accepted: created + updated + unchanged.</param>
/// <param name="CreatedCount">Accepted rows whose (buyer, id) was new: a line was created.</param>
/// <param name="UpdatedCount">Accepted rows that changed their line (a new version; the old one is kept in its revisions).</param>
/// <param name="UnchangedCount">Accepted rows identical to their line: nothing was written.</param>
/// <param name="RejectedCount">Rows rejected (a row with several problems counts once; <c>rejected</c> lists each problem).</param>
public sealed record DemandUploadReport(
    string FileName, int RowsRead, int AcceptedCount, int CreatedCount, int UpdatedCount, int UnchangedCount, int RejectedCount,
    IReadOnlyList<UploadedLine> Accepted, IReadOnlyList<RowProblem> Rejected);

/// <summary>Buyers upload a lines file (data/README.md, lines.csv) instead of typing lines: good rows are kept, bad rows reported.</summary>
public static class DemandUploadEndpoints
{
    public const string CsvUnreadable = "csv_unreadable";
    private const long MaxBytes = 20 * 1024 * 1024;

    public static void MapDemandUploadEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/demand-lines/upload", UploadAsync).WithTags("Demand").RequireAuthorization(Policies.BuyerOrPlanner)
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .Doc("UploadDemandLines", "Upload a lines file (CSV)",
                "A CSV in the lines.csv format of data/README.md (English or Chinese headers), sent as multipart/form-data (field 'file') or as a "
                + "text/csv body (name it with ?fileName=). With a buyer key the buyer_id column may be left out, and a row naming another buyer is "
                + "rejected. Rows are judged one by one and keyed by (buyer, id): a new id creates a demand line, the same id with other values "
                + "updates that line (the old version is kept, see /demand-lines/{id}/revisions; a cancelled line is reopened), and the same values "
                + "change nothing, so sending a file again (or a corrected one) never duplicates lines. accepted says for each row created, updated "
                + "or unchanged and the line id (createdCount, updatedCount and unchangedCount count them); lines the file does not name are left "
                + "as they are. Bad rows are returned with row, column, reason (English), code (a stable snake_case code such as "
                + "quantity_not_positive, unknown_product, duplicate_id or held_by_round; data/README.md lists them) and reasonZh (the reason in "
                + "Chinese, with the same values, ids and limits), including an id repeated in the file (the later row) and a changed row whose "
                + "line a matching round holds past its cutoff; a rejected row never changes a stored line. A file that cannot be read at all (not "
                + "UTF-8, wrong header) gives 400 csv_unreadable with fileErrors (the same fields), and nothing is stored. At most 10,000 good "
                + "rows per file (413).",
                400, 413, 415);

    private static async Task<Results<Ok<DemandUploadReport>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, string? fileName, HttpContext http, ReferenceDataStore reference, DemandUploadStore uploads, TimeProvider clock, CancellationToken ct)
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
                    ["fileErrors"] = parsed.FileErrors.Select(e => RowProblem.Of(e.Row, null, e)).ToList(),
                });
        }

        if (parsed.Accepted.Count > DemandLineReader.MaxBatch)
        {
            return Problem.Of(413, ErrorCodes.BatchTooLarge, "File too large",
                $"A file holds at most {DemandLineReader.MaxBatch} lines; this one has {parsed.Accepted.Count} good rows. Split it.");
        }

        var ruled = (await DemandLineReader.CreateAsync(reference, own, clock, ct)).Check(parsed, name);
        var rejected = ruled.Rejected.SelectMany(r => r.Errors.Select(e => RowProblem.Of(r.Row, r.Id, e))).ToList();
        var good = ruled.Accepted.Select(r => new UploadRow(r.Row, r.Value.Id, r.Value with { Id = DemandLineReader.NewId() })).ToList();
        var merged = good.Count > 0 ? await uploads.MergeAsync(good, http.User.Actor(), ct) : new UploadMerge([], []);
        rejected = [.. rejected.Concat(merged.Refused.Select(r => RowProblem.Of(r.Row, r.FileId, r.Column, r.Reason))).OrderBy(r => r.Row)];
        var accepted = merged.Stored.Select(s => new UploadedLine(s.Row, s.FileId, s.LineId, s.Outcome)).ToList();
        return TypedResults.Ok(new DemandUploadReport(name, parsed.Accepted.Count + parsed.Rejected.Count, accepted.Count,
            Count(accepted, UploadOutcome.Created), Count(accepted, UploadOutcome.Updated), Count(accepted, UploadOutcome.Unchanged),
            rejected.Select(r => r.Row).Distinct().Count(), accepted, rejected));
    }

    private static int Count(List<UploadedLine> rows, UploadOutcome outcome) => rows.Count(r => r.Outcome == outcome);

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

            // No body and no Content-Type: nothing was sent (an empty text/csv body is an empty file, which the reader reports).
            return buffer.Length == 0 && string.IsNullOrEmpty(request.ContentType)
                ? (null, name, Problem.Of(400, ErrorCodes.ValidationFailed, "File missing",
                    "No file was sent: send the CSV as multipart/form-data in the form field 'file', or as a text/csv body (name it with ?fileName=)."))
                : (buffer.ToArray(), name, null);
        }
    }
}
