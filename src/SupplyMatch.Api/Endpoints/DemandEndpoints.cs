using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>Buyers' demand lines: submit one or a batch, list and get their own, change or cancel until a round's cutoff.</summary>
public static class DemandEndpoints
{
    /// <summary>The example line, delivered from the day after tomorrow: sent as given, it is accepted (on the demo data).</summary>
    private static DemandLineBody Sample(DateOnly today) => new(null, "P-CHOYSUM", Grade.First, 2_000, today.AddDays(2), today.AddDays(3), 6.80m, 60, true, 2);

    public static void MapDemandEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/demand-lines").WithTags("Demand").RequireAuthorization(Policies.BuyerOrPlanner);
        group.MapPost("/", SubmitOneAsync).Example(today => Sample(today))
            .Requires("productCode", "minGrade", "quantityKg", "earliest", "latest", "maxLandedCnyPerKg", "minFreshnessPercent")
            .Doc("SubmitDemandLine", "Submit one demand line",
                "A buyer key submits for its own buyer. Send an Idempotency-Key header so that a retried request creates the line only once.",
                400, 422);
        group.MapPost("/batch", SubmitBatchAsync).Requires("lines").Example(today => new DemandBatchBody([Sample(today), Sample(today) with { ProductCode = "P-TOMATO", QuantityKg = 800 }]))
            .Doc("SubmitDemandBatch", "Submit a batch of demand lines",
                "Up to 10,000 lines, accepted all or nothing; 413 beyond that. Violations name the field as lines[i].field.", 400, 413, 422);
        group.MapGet("/", ListAsync)
            .Doc("ListDemandLines", "List demand lines", "A buyer sees only its own lines. status=open or cancelled lists only those. Pages by id: pass the returned nextAfter as after (400 rule cursor when it is not the id of a line of this list).", 400);
        group.MapGet("/{id}", GetAsync).Doc("GetDemandLine", "Get a demand line", "404 when it does not exist or is another buyer's.", 404);
        group.MapPut("/{id}", ChangeAsync).Example(today => Sample(today) with { QuantityKg = 2_500 })
            .Requires("productCode", "minGrade", "quantityKg", "earliest", "latest", "maxLandedCnyPerKg", "minFreshnessPercent")
            .Doc("ChangeDemandLine", "Change a demand line",
                "Replaces the terms of an open line. 409 line_after_cutoff once a round whose cutoff has passed holds the line.", 400, 404, 409);
        group.MapDelete("/{id}", CancelAsync)
            .Doc("CancelDemandLine", "Cancel a demand line", "Cancelling twice is harmless. 409 line_after_cutoff once a round holds the line.", 404, 409);
    }

    private static async Task<Results<Created<DemandLineView>, ValidationProblem>> SubmitOneAsync(
        [FromBody] DemandLineBody body, HttpContext http, ReferenceDataStore reference, DemandStore demand, TimeProvider clock, CancellationToken ct)
    {
        var reader = await DemandLineReader.CreateAsync(reference, http.User.OwnerScope(), clock, ct);
        var v = new Validator();
        var line = reader.Read(v, "", body, DemandLineReader.NewId());
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var at = await demand.SubmitAsync([line], http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/demand-lines/{line.Id}", DemandLineView.From(new DemandLineRecord(line, "open", 1, at, at)));
    }

    private static async Task<Results<Created<DemandBatchAccepted>, ValidationProblem, ProblemHttpResult>> SubmitBatchAsync(
        [FromBody] DemandBatchBody body, HttpContext http, ReferenceDataStore reference, DemandStore demand, TimeProvider clock, CancellationToken ct)
    {
        if (body.Lines is { Count: > DemandLineReader.MaxBatch })
        {
            return Problem.Of(413, ErrorCodes.BatchTooLarge, "Batch too large",
                $"A batch holds at most {DemandLineReader.MaxBatch} lines; this one has {body.Lines.Count}. Split it.");
        }

        var v = new Validator();
        v.Rule(body.Lines is { Count: > 0 }, "lines", "required", "must hold at least one line.");
        var reader = await DemandLineReader.CreateAsync(reference, http.User.OwnerScope(), clock, ct);
        var lines = (body.Lines ?? []).Select((l, i) => reader.Read(v, $"lines[{i}].", l, DemandLineReader.NewId())).ToList();
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        await demand.SubmitAsync(lines, http.User.Actor(), ct);
        return TypedResults.Created((string?)null, new DemandBatchAccepted(lines.Count, lines.Select(l => l.Id).ToList()));
    }

    private static async Task<Results<Ok<Page<DemandLineView>>, ValidationProblem>> ListAsync(
        HttpContext http, DemandStore demand, string? buyerId, string? status, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        v.Rule(status is null or "open" or "cancelled", "status", "one_of", "must be open or cancelled.");
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var own = http.User.OwnerScope();
        if (own is not null && buyerId is not null && buyerId != own)
        {
            return TypedResults.Ok(new Page<DemandLineView>([], null));
        }

        // A cursor is the id of a line of this list (a page's nextAfter). Any other text, e.g. the nextAfter of another list,
        // would page by its place among the ids and answer a page that is not the next one; another buyer's line is unknown here.
        if (after is not null && !(await demand.GetAsync(after, own, ct) is { } cursor && (buyerId is null || cursor.Line.BuyerId == buyerId)))
        {
            return Cursor.Unknown("line");
        }

        var items = await demand.ListAsync(own ?? buyerId, status, after, take, ct);
        return TypedResults.Ok(new Page<DemandLineView>(items.Select(DemandLineView.From).ToList(), items.Count == take ? items[^1].Line.Id : null));
    }

    private static async Task<Results<Ok<DemandLineView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, DemandStore demand, CancellationToken ct) =>
        await demand.GetAsync(id, http.User.OwnerScope(), ct) is { } line ? TypedResults.Ok(DemandLineView.From(line)) : Problem.NotFound("Demand line", id);

    private static async Task<Results<Ok<DemandLineView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string id, [FromBody] DemandLineBody body, HttpContext http, ReferenceDataStore reference, DemandStore demand, TimeProvider clock, CancellationToken ct)
    {
        if (await demand.GetAsync(id, http.User.OwnerScope(), ct) is not { } existing)
        {
            return Problem.NotFound("Demand line", id);
        }

        var v = new Validator();
        var reader = await DemandLineReader.CreateAsync(reference, existing.Line.BuyerId, clock, ct);
        var line = reader.Read(v, "", body with { BuyerId = body.BuyerId ?? existing.Line.BuyerId }, id);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var outcome = await demand.ChangeAsync(line, http.User.Actor(), ct);
        return outcome == LineChange.Done ? TypedResults.Ok(DemandLineView.From((await demand.GetAsync(id, null, ct))!)) : Refusal(outcome, id);
    }

    private static async Task<Results<Ok<DemandLineView>, ProblemHttpResult>> CancelAsync(string id, HttpContext http, DemandStore demand, CancellationToken ct)
    {
        var outcome = await demand.CancelAsync(id, http.User.OwnerScope(), http.User.Actor(), ct);
        return outcome is LineChange.Done or LineChange.AlreadyCancelled
            ? TypedResults.Ok(DemandLineView.From((await demand.GetAsync(id, null, ct))!))
            : Refusal(outcome, id);
    }

    private static ProblemHttpResult Refusal(LineChange outcome, string id) => outcome switch
    {
        LineChange.PastCutoff => Problem.Conflict(ErrorCodes.LineAfterCutoff,
            $"Demand line '{id}' is held by a matching round whose cutoff has passed; it can no longer be changed or cancelled."),
        LineChange.AlreadyCancelled => Problem.Conflict(ErrorCodes.LineCancelled, $"Demand line '{id}' is cancelled; submit a new line instead."),
        _ => Problem.NotFound("Demand line", id),
    };
}
