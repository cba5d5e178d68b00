using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// At start (after migrations): one recurring job per enabled feed. Once the server listens, and only when the store
/// holds the seeded demo scenario: the demo feeds of the demo buyer and base against this server's /samples (registered
/// once: a deleted one stays deleted), each pulled once right away when enabled so that runs show in /hangfire and the API.
/// </summary>
internal sealed class FeedStartup(
    FeedScheduler scheduler, FeedStore feeds, ReferenceDataStore reference, AuditStore audit, IServer server, IHostApplicationLifetime lifetime,
    IOptions<FeedOptions> feedOptions, IOptions<SupplyMatchOptions> options, ILogger<FeedStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await scheduler.SyncAllAsync(stoppingToken);
        if (!feedOptions.Value.DemoFeeds || !feedOptions.Value.ServeSamples || !options.Value.SeedDemoData)
        {
            return;
        }

        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            await EnsureDemoFeedsAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The demo feeds could not be registered");
        }
    }

    private async Task EnsureDemoFeedsAsync(CancellationToken ct)
    {
        var seeded = await audit.ListAsync(new AuditQuery("scenario", "demo", null, null, 1), ct);
        if (seeded.Count == 0 || SamplesBase() is not { } root)
        {
            return;
        }

        var demo = options.Value.DemoKeys;
        var buyer = demo.BuyerId ?? (await reference.Buyers.ListAsync(ct)).FirstOrDefault()?.Id;
        var baseId = demo.BaseId ?? (await reference.Bases.ListAsync(ct)).FirstOrDefault()?.Id;
        var cron = feedOptions.Value.DemoCron;
        if (buyer is not null)
        {
            await EnsureAsync($"demo-lines-{buyer}", FeedKind.Demand, buyer,
                new FeedSettings($"{root}/samples/buyers/{buyer}/lines.csv", FeedFormat.Csv, cron, FeedMode.Snapshot, null, null, true), ct);
        }

        if (baseId is not null)
        {
            await EnsureAsync($"demo-lots-{baseId}", FeedKind.Forecast, baseId,
                new FeedSettings($"{root}/samples/bases/{baseId}/lots.json", FeedFormat.Json, cron, FeedMode.Incremental, null, null, true), ct);
        }
    }

    /// <summary>
    /// Creates the feed the first time, or points it at this server's current address; then syncs its job and, when it is
    /// enabled, pulls it once. A demo feed an operator deleted stays deleted (its audit trail says it existed), and one
    /// they disabled is not pulled.
    /// </summary>
    private async Task EnsureAsync(string id, FeedKind kind, string owner, FeedSettings settings, CancellationToken ct)
    {
        var existing = await feeds.GetAsync(id, null, ct);
        if (existing is null)
        {
            if ((await audit.ListAsync(new AuditQuery("feed", id, null, null, 1), ct)).Count > 0)
            {
                logger.LogInformation("Demo feed {Feed} was deleted; it is not registered again", id);
                return;
            }

            await feeds.CreateAsync(id, kind, owner, settings, Actor.System, ct);
        }
        else if (existing.Url != settings.Url)
        {
            await feeds.UpdateAsync(id, settings with { Cron = existing.Cron, Mode = existing.Mode, Enabled = existing.Enabled }, Actor.System, ct);
        }

        if (await feeds.GetAsync(id, null, ct) is { } feed)
        {
            scheduler.Sync(feed);
            if (feed.Enabled)
            {
                scheduler.PullNow(id);
            }

            logger.LogInformation("Demo feed {Feed}: {Url} ({Cron} CST)", id, feed.Url, feed.Cron);
        }
    }

    /// <summary>The configured samples base URL, else the first address the server listens on (wildcard hosts as localhost).</summary>
    private string? SamplesBase()
    {
        if (feedOptions.Value.SamplesBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault();
        if (address is null)
        {
            logger.LogInformation("No listening address is known; set {Setting} to register the demo feeds", "SupplyMatch:Feeds:SamplesBaseUrl");
            return null;
        }

        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
