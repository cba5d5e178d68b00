using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Endpoints;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Jobs;

/// <summary>
/// One pull of a feed: claim the feed (one run at a time, the lease renewed while the pull works), fetch the file, then
/// either record why nothing changed (304, identical body, HTTP failure, unreadable file) or merge the good rows and
/// report the rejected ones. A good row follows the file format's rules and the service's rules for a new line or lot
/// (those of the API and the upload); a row rejected by either still counts as listed, so a snapshot keeps what it
/// stands for. A run that loses the feed to another run stops and commits nothing.
/// </summary>
public sealed class FeedPuller(
    FeedStore feeds, FeedRunStore runs, FeedImportStore imports, ReferenceDataStore reference, FeedFetcher fetcher,
    IOptions<FeedOptions> options, TimeProvider clock, ILogger<FeedPuller> logger)
{
    /// <summary>Runs a pull; returns its run (a skipped one when another pull of the feed was running), null for an unknown feed.</summary>
    public async Task<FeedRun?> PullAsync(string feedId, string trigger, CancellationToken ct)
    {
        var lease = options.Value.Lease;
        if (await feeds.GetPullStateAsync(feedId, ct) is not { } state
            || await runs.TryStartAsync(feedId, trigger, lease, ct) is not { } start)
        {
            return null;
        }

        if (!start.Started)
        {
            logger.LogInformation("Feed {Feed}: a pull is already running (run {Run}); skipped", feedId, start.RunId);
            return (await runs.ListAsync(feedId, null, 1, ct)).FirstOrDefault();
        }

        await using var held = FeedLease.Hold(runs, feedId, start.RunId, lease, clock, logger);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, held.Lost);
        try
        {
            await RunAsync(state, start.RunId, work.Token);
        }
        catch (OperationCanceledException) when (held.IsLost && !ct.IsCancellationRequested)
        {
            // The run that took the feed over marked this one failed; whatever this one had not committed is dropped.
            logger.LogWarning("Feed {Feed} run {Run} lost its lease to another run and stopped; nothing was changed", feedId, start.RunId);
        }
        catch (Exception e) when (e is not OperationCanceledException || ct.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? FeedRunError.ServiceStopped : FeedRunError.Unexpected(e.GetType().Name);
            logger.LogWarning(e, "Feed {Feed} run {Run} failed", feedId, start.RunId);
            await runs.FinishAsync(feedId, start.RunId, End(FeedRunStatus.Failed, null, 0, null, reason), CancellationToken.None);
            throw;
        }

        return await runs.GetAsync(feedId, start.RunId, CancellationToken.None);
    }

    private async Task RunAsync(FeedPullState state, Guid runId, CancellationToken ct)
    {
        var feed = state.Feed;
        if (state.AuthHeaderUnreadable)
        {
            await runs.FinishAsync(feed.Id, runId, End(FeedRunStatus.Failed, null, 0, null, FeedRunError.AuthHeaderUnreadable), ct);
            return;
        }

        var fetch = await fetcher.FetchAsync(
            new FetchRequest(feed.Url, feed.Format, feed.AuthHeaderName, state.AuthHeaderValue, state.ETag, state.LastModified), ct);
        if (fetch.Outcome != FetchOutcome.Body)
        {
            var status = fetch.Outcome == FetchOutcome.NotModified ? FeedRunStatus.NotModified : FeedRunStatus.Failed;
            var error = fetch.Error is null ? null : FeedRunError.NotFetched(fetch.Error, fetch.Attempts);
            await runs.FinishAsync(feed.Id, runId, End(status, fetch.HttpStatus, fetch.Attempts, null, error), ct);
            return;
        }

        var body = fetch.Body!;
        var validators = new FeedValidators(fetch.ETag, fetch.LastModified, Convert.ToHexStringLower(SHA256.HashData(body)));
        if (validators.BodySha256 == state.BodySha256)
        {
            await runs.FinishAsync(feed.Id, runId, End(FeedRunStatus.Unchanged, fetch.HttpStatus, fetch.Attempts, body.Length, null) with { Validators = validators }, ct);
            return;
        }

        var data = await reference.LoadAsync(ct);
        var index = ReferenceIndex.Create(data);
        var facts = new FeedFetchFacts(fetch.HttpStatus!.Value, fetch.Attempts, body.Length, validators);
        var file = FileName(feed);
        var lines = feed.Kind == FeedKind.Demand ? DemandLineReader.For(data, feed.OwnerId, clock) : null;
        var outcome = lines is not null
            ? await MergeAsync(lines.Check(FeedFile.ParseLines(body, feed.Format, index, file, feed.OwnerId), file),
                rows => imports.ImportLinesAsync(feed, runId, rows, facts, ct))
            : await MergeAsync(LotReader.Create(clock).Check(FeedFile.ParseLots(body, feed.Format, index, file, feed.OwnerId), file),
                rows => imports.ImportLotsAsync(feed, runId, rows, facts, ct));
        if (outcome.Unreadable is { } errors)
        {
            var first = errors.Take(5).ToList();
            var message = FeedRunError.Unreadable(string.Join("; ", first), string.Join("；", first.Select(InChinese)));
            var rejections = errors.Select(e => FeedRejection.Of(e.Row, null, e)).ToList();
            await runs.FinishAsync(feed.Id, runId, End(FeedRunStatus.Failed, fetch.HttpStatus, fetch.Attempts, body.Length, message) with { Rejections = rejections }, ct);
        }
        else if (!outcome.Merged)
        {
            logger.LogWarning("Feed {Feed} run {Run} lost its lease before the merge committed; nothing was changed", feed.Id, runId);
        }
    }

    private static async Task<(IReadOnlyList<DataError>? Unreadable, bool Merged)> MergeAsync<T>(
        RowParseResult<T> parsed, Func<RowParseResult<T>, Task<FeedRunEnd?>> import) =>
        parsed.Readable ? (null, await import(parsed) is not null) : (parsed.FileErrors, false);

    /// <summary>The name rows are reported under: the URL's last path segment, else the feed id.</summary>
    private static string FileName(Feed feed)
    {
        var segment = Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) ? uri.Segments.LastOrDefault()?.Trim('/') : null;
        return string.IsNullOrEmpty(segment) ? $"feed {feed.Id}" : Uri.UnescapeDataString(segment);
    }

    /// <summary>A file problem in Chinese, placed as <see cref="DataError.ToString"/> places it in English.</summary>
    private static string InChinese(DataError e)
    {
        var where = e.Row > 0 ? $"{e.File} 第 {e.Row} 行" : e.File;
        return $"{where}{(e.Column is null ? "" : $"，列 {e.Column}")}：{e.MessageZh ?? e.Message}";
    }

    private static FeedRunEnd End(FeedRunStatus status, int? http, int attempts, long? bytes, FeedRunError? error) =>
        new(status, http, attempts, bytes, FeedRunCounts.None, error, [], null);
}
