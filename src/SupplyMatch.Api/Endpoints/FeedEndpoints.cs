using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>
/// Feeds: planners register the URLs where buyer and base systems publish their lines and lots; Hangfire pulls each on
/// its schedule (or now). Buyers and bases may read their own feeds, runs and rejected rows.
/// </summary>
public static class FeedEndpoints
{
    private static readonly FeedBody Sample = new(null, FeedKind.Demand, "GZ-JIANGNAN", "https://orders.example.cn/supplymatch/lines.csv", FeedFormat.Csv,
        "*/30 * * * *", FeedMode.Snapshot, "Authorization", "Bearer 7f3a...", true);

    public static void MapFeedEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/feeds").WithTags("Feeds").RequireAuthorization(p => p.RequireRole(Roles.Planner, Roles.Buyer, Roles.Base));
        var write = api.MapGroup("/feeds").WithTags("Feeds").RequireAuthorization(Policies.Planner);
        read.MapGet("/", ListAsync).Doc("ListFeeds", "List feeds", "Planners see every feed, buyers and bases their own. Secrets are never returned.");
        read.MapGet("/{id}", GetAsync).Doc("GetFeed", "Get a feed", "With its latest run. 404 when it does not exist or is not yours.", 404);
        write.MapPost("/", CreateAsync).Example(Sample).Requires("kind", "ownerId", "url", "format", "mode", "cron")
            .Doc("CreateFeed", "Register a feed", "Registers the recurring pull (cron in CST) when enabled. 409 already_exists for a taken id; 409 feed_id_in_use for the id "
                + "of a deleted feed whose lines or lots belong to another owner or kind (a feed takes over the rows written under its id).", 400, 409);
        write.MapPut("/{id}", UpdateAsync).Example(Sample with { Kind = null, OwnerId = null, AuthHeaderValue = null })
            .Requires("url", "format", "mode", "cron")
            .Doc("UpdateFeed", "Change a feed", "Replaces URL, format, schedule, mode, auth header and enabled; kind and owner stay. "
                + "Omit authHeaderValue to keep the stored secret.", 400, 404, 409);
        write.MapDelete("/{id}", DeleteAsync).Doc("DeleteFeed", "Delete a feed", "Removes the schedule and the run history; lines and lots stay, keyed to the id (a new feed with "
            + "this id takes them over, so it must have the same owner and kind).", 404);
        write.MapPost("/{id}/pull", PullAsync)
            .Doc("PullFeed", "Pull a feed now", "Queues a pull (202). 409 feed_pull_running while a pull of this feed is in progress.", 404, 409);
        read.MapGet("/{id}/runs", RunsAsync).Doc("ListFeedRuns", "Run history of a feed", "Newest first; page with before (a run's startedAt).", 400, 404);
        read.MapGet("/{id}/runs/{runId:guid}", RunAsync).Doc("GetFeedRun", "Get a run", "Counts, HTTP status, attempts and the error of a failed run: English text (error), its stable code (errorCode) and specifics (errorParams); runs stored before schema version 9 have no code.", 404);
        read.MapGet("/{id}/runs/{runId:guid}/rejected-rows", RejectedAsync)
            .Produces<string>(200, contentType: "text/csv")
            .Doc("GetFeedRunRejectedRows", "Rejected rows of a run (CSV)",
                "row,id,column,reason,code,reason_zh: one line per problem, row 0 = the whole file. reason is English; code is the problem's stable "
                + "snake_case code (e.g. quantity_not_positive, unknown_product, duplicate_id, held_by_round; data/README.md lists them) and "
                + "reason_zh the reason in Chinese with the same specifics; both are empty for rows stored before codes were kept.", 404);
        read.MapGet("/{id}/runs/{runId:guid}/rejections", RejectionsAsync)
            .Doc("ListFeedRunRejections", "Rejected rows of a run (JSON)",
                "The rows of rejected-rows as objects (row, externalId, column, message, code, reasonZh), in row order; row 0 = the whole file. "
                + "message is the reason in English, code the problem's stable snake_case code (data/README.md lists them) and reasonZh the "
                + "reason in Chinese with the same values, ids and limits; code and reasonZh are null for rows stored before codes were kept.", 404);
        api.MapGet("/demand-lines/{id}/revisions", LineRevisionsAsync).WithTags("Demand").RequireAuthorization(Policies.BuyerOrPlanner)
            .Doc("ListDemandLineRevisions", "Revision history of a demand line", "Every version, oldest first; the last is the current one.", 404);
    }

    private static async Task<Ok<IReadOnlyList<FeedView>>> ListAsync(HttpContext http, FeedStore feeds, FeedRunStore runs, string? ownerId, CancellationToken ct)
    {
        var all = await feeds.ListAsync(http.User.OwnerScope() ?? ownerId, ct);
        var views = new List<FeedView>();
        foreach (var feed in all.Where(f => Visible(f, http.User)))
        {
            views.Add(FeedView.From(feed, (await runs.ListAsync(feed.Id, null, 1, ct)).FirstOrDefault()));
        }

        return TypedResults.Ok<IReadOnlyList<FeedView>>(views);
    }

    private static async Task<Results<Ok<FeedView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, FeedStore feeds, FeedRunStore runs, CancellationToken ct) =>
        await FindAsync(id, http.User, feeds, ct) is { } feed
            ? TypedResults.Ok(FeedView.From(feed, (await runs.ListAsync(id, null, 1, ct)).FirstOrDefault()))
            : Problem.NotFound("Feed", id);

    private static async Task<Results<Created<FeedView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        [FromBody] FeedBody body, HttpContext http, FeedStore feeds, ReferenceDataStore reference, FeedScheduler scheduler, CancellationToken ct)
    {
        var v = new Validator();
        var id = body.Id is null ? "FD-" + Guid.CreateVersion7().ToString("N") : v.Id("id", body.Id);
        var kind = v.Required("kind", body.Kind);
        var owner = v.Id("ownerId", body.OwnerId);
        if (owner.Length > 0 && body.Kind is not null)
        {
            var exists = kind == FeedKind.Demand ? await reference.Buyers.GetAsync([owner], ct) is not null : await reference.Bases.GetAsync([owner], ct) is not null;
            v.Rule(exists, "ownerId", "exists", kind == FeedKind.Demand ? "must be the id of a buyer (demand feed)." : "must be the id of a base (forecast feed).");
        }

        var settings = FeedBodyRules.Read(v, body);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        if (await feeds.GetAsync(id, null, ct) is null && await feeds.RowsOfOthersAsync(id, kind, owner, ct) is { } others)
        {
            return Problem.Conflict(ErrorCodes.FeedIdInUse,
                $"Feed id '{id}' was used by a deleted feed whose rows belong to {others}; a feed keeps the lines or lots written under its id, "
                + "so the id may only be used again for the same owner and kind. Choose another id.");
        }

        if (!await feeds.CreateAsync(id, kind, owner, settings, http.User.Actor(), ct))
        {
            return Problem.Conflict(ErrorCodes.AlreadyExists, $"A feed with id '{id}' exists already.");
        }

        var feed = (await feeds.GetAsync(id, null, ct))!;
        scheduler.Sync(feed);
        return TypedResults.Created($"/api/v1/feeds/{id}", FeedView.From(feed, null));
    }

    private static async Task<Results<Ok<FeedView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, [FromBody] FeedBody body, HttpContext http, FeedStore feeds, FeedRunStore runs, FeedScheduler scheduler, CancellationToken ct)
    {
        if (await feeds.GetAsync(id, null, ct) is not { } current)
        {
            return Problem.NotFound("Feed", id);
        }

        if ((body.Kind is not null && body.Kind != current.Kind) || (body.OwnerId is not null && body.OwnerId != current.OwnerId))
        {
            return Problem.Conflict(ErrorCodes.FeedOwnerFixed, $"Feed '{id}' is a {EnumText.Of(current.Kind)} feed of {current.OwnerId}; kind and owner cannot change. Register a new feed instead.");
        }

        var v = new Validator();
        var settings = FeedBodyRules.Read(v, body);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var feed = await feeds.UpdateAsync(id, settings, http.User.Actor(), ct);
        if (feed is null)
        {
            return Problem.NotFound("Feed", id);
        }

        scheduler.Sync(feed);
        return TypedResults.Ok(FeedView.From(feed, (await runs.ListAsync(id, null, 1, ct)).FirstOrDefault()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext http, FeedStore feeds, FeedScheduler scheduler, CancellationToken ct)
    {
        if (!await feeds.DeleteAsync(id, http.User.Actor(), ct))
        {
            return Problem.NotFound("Feed", id);
        }

        scheduler.Remove(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<FeedPullQueued>, ProblemHttpResult>> PullAsync(
        string id, FeedStore feeds, FeedRunStore runs, FeedScheduler scheduler, CancellationToken ct)
    {
        if (await feeds.GetAsync(id, null, ct) is null)
        {
            return Problem.NotFound("Feed", id);
        }

        if (await runs.RunningAsync(id, ct) is { } running)
        {
            return Problem.Conflict(ErrorCodes.FeedPullRunning, $"A pull of feed '{id}' is in progress (run {running}); wait for it to finish.");
        }

        return TypedResults.Accepted($"/api/v1/feeds/{id}/runs", new FeedPullQueued(id, scheduler.PullNow(id)));
    }

    private static async Task<Results<Ok<IReadOnlyList<FeedRun>>, ValidationProblem, ProblemHttpResult>> RunsAsync(
        string id, HttpContext http, FeedStore feeds, FeedRunStore runs, DateTimeOffset? before, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        return await FindAsync(id, http.User, feeds, ct) is null ? Problem.NotFound("Feed", id) : TypedResults.Ok(await runs.ListAsync(id, before, take, ct));
    }

    private static async Task<Results<Ok<FeedRun>, ProblemHttpResult>> RunAsync(
        string id, Guid runId, HttpContext http, FeedStore feeds, FeedRunStore runs, CancellationToken ct) =>
        await FindAsync(id, http.User, feeds, ct) is not null && await runs.GetAsync(id, runId, ct) is { } run
            ? TypedResults.Ok(run)
            : Problem.NotFound("Feed run", $"{id}/{runId}");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RejectedAsync(
        string id, Guid runId, HttpContext http, FeedStore feeds, FeedRunStore runs, CancellationToken ct)
    {
        if (await FindAsync(id, http.User, feeds, ct) is null || await runs.GetAsync(id, runId, ct) is null)
        {
            return Problem.NotFound("Feed run", $"{id}/{runId}");
        }

        var rows = await runs.RejectionsAsync(runId, ct);
        var csv = FeedFileWriter.RejectedRows(rows.Select(r => (r.Row, r.ExternalId, r.Column, r.Message, r.Code, r.ReasonZh)));
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"feed-{id}-run-{runId}-rejected.csv");
    }

    private static async Task<Results<Ok<IReadOnlyList<FeedRejection>>, ProblemHttpResult>> RejectionsAsync(
        string id, Guid runId, HttpContext http, FeedStore feeds, FeedRunStore runs, CancellationToken ct) =>
        await FindAsync(id, http.User, feeds, ct) is not null && await runs.GetAsync(id, runId, ct) is not null
            ? TypedResults.Ok(await runs.RejectionsAsync(runId, ct))
            : Problem.NotFound("Feed run", $"{id}/{runId}");

    private static async Task<Results<Ok<IReadOnlyList<DemandLineRevision>>, ProblemHttpResult>> LineRevisionsAsync(
        string id, HttpContext http, DemandRevisionStore revisions, CancellationToken ct) =>
        await revisions.ListAsync(id, http.User.OwnerScope(), ct) is { } list ? TypedResults.Ok(list) : Problem.NotFound("Demand line", id);

    private static async Task<Feed?> FindAsync(string id, ClaimsPrincipal user, FeedStore feeds, CancellationToken ct) =>
        await feeds.GetAsync(id, null, ct) is { } feed && Visible(feed, user) ? feed : null;

    /// <summary>Planners see every feed; a buyer (base) key sees the demand (forecast) feeds of its own buyer (base).</summary>
    private static bool Visible(Feed feed, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Planner) || (user.OwnerScope() == feed.OwnerId && user.IsInRole(feed.OwnerRole));
}
