using System.Globalization;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// What runs before the service takes requests: migrations, encryption of feed secrets stored in plain text by earlier
/// versions, first-start seeding (hubs too), demo keys, schedules.
/// </summary>
public sealed class StartupTasks(
    Database database,
    ReferenceDataStore reference,
    ScenarioImporter importer,
    FeedStore feeds,
    RoundLauncher launcher,
    ApiKeyStore keys,
    RoundScheduler scheduler,
    IOptions<SupplyMatchOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StartupTasks> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var applied = await new MigrationRunner(database).ApplyAsync(clock, ct);
        logger.LogInformation("Store: {Database}; migrations applied now: {Applied}", database.Description, applied.Count);
        if (await feeds.ProtectPlainSecretsAsync(ct) is > 0 and var encrypted)
        {
            logger.LogInformation("Encrypted {Count} feed auth secrets that were stored in plain text", encrypted);
        }

        if (options.Value.SeedDemoData && await reference.IsEmptyAsync(ct))
        {
            await SeedAsync(ct);
        }
        else if (options.Value.SeedDemoData && await reference.HasNoHubsAsync(ct))
        {
            await SeedHubsAsync(ct);
        }

        if (options.Value.DemoKeys.Enabled)
        {
            await EnsureDemoKeysAsync(ct);
        }

        await scheduler.SyncAllAsync(ct);
    }

    /// <summary>The data folder: configured, else data/ next to the app, else the nearest data/ above the content root.</summary>
    public string DataPath()
    {
        if (options.Value.DataPath is { } configured)
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, environment.ContentRootPath })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "data", "reference")))
                {
                    return Path.Combine(dir.FullName, "data");
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "data");
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        var demo = Path.Combine(DataPath(), "demo");
        var loaded = ScenarioFiles.LoadDirectory(demo);
        if (!loaded.Ok)
        {
            throw new InvalidOperationException(
                $"The demo scenario in {demo} has errors: " + string.Join("; ", loaded.Errors.Take(10).Select(e => $"{e.File}:{e.Row} {e.Column} {e.Message}")));
        }

        await importer.ImportAsync(loaded.Value!, Actor.System, ct);
        logger.LogInformation("Seeded demo data from {Path}: {Lots} lots, {Lines} lines", demo, loaded.Value!.Lots.Count, loaded.Value.Lines.Count);
        if (options.Value.DemoRound && loaded.Value.Lines.Count > 0)
        {
            await QueueDemoRoundAsync(loaded.Value.Lines.Min(l => l.Earliest), ct);
        }
    }

    /// <summary>
    /// A round over the demo's first two weeks with logistics (short time limit), queued like any planner's round. It has no
    /// earliest ship day: the demo's dates are fixed, and cutting its lots to today would empty it once they are past.
    /// </summary>
    private async Task QueueDemoRoundAsync(DateOnly from, CancellationToken ct)
    {
        var settings = new Core.Matching.MatchingSettings { TimeLimitSeconds = 10 };
        var logistics = new RoundLogistics(Enabled: true, TimeLimitSeconds: 10);
        var round = await launcher.LaunchAsync(new NewRound(Guid.CreateVersion7(), from, from.AddDays(14), clock.Now(), settings, null, logistics), Actor.System, ct);
        logger.LogInformation("Queued demo round {Round} with logistics ({From} to {To} CST)", round.Id,
            round.HorizonFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), round.HorizonTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A store seeded before hubs were reference data gets the hubs of data/reference once.</summary>
    private async Task SeedHubsAsync(CancellationToken ct)
    {
        var folder = Path.Combine(DataPath(), "reference");
        var loaded = ScenarioFiles.LoadReference(folder);
        if (loaded.Ok && loaded.Value!.Hubs.Count > 0)
        {
            await reference.ImportHubsAsync(loaded.Value.Hubs, ct);
            logger.LogInformation("Seeded {Hubs} hubs from {Path}", loaded.Value.Hubs.Count, folder);
        }
    }

    private async Task EnsureDemoKeysAsync(CancellationToken ct)
    {
        if (environment.IsProduction())
        {
            throw new InvalidOperationException("Demo API keys are enabled in Production; set SupplyMatch:DemoKeys:Enabled=false.");
        }

        var demo = options.Value.DemoKeys;
        var buyerId = demo.BuyerId ?? (await reference.Buyers.ListAsync(ct)).FirstOrDefault()?.Id;
        var baseId = demo.BaseId ?? (await reference.Bases.ListAsync(ct)).FirstOrDefault()?.Id;
        await keys.EnsureAsync(demo.Admin, Roles.Admin, null, "demo admin", ct);
        await keys.EnsureAsync(demo.Planner, Roles.Planner, null, "demo planner", ct);
        if (buyerId is not null) { await keys.EnsureAsync(demo.Buyer, Roles.Buyer, buyerId, $"demo buyer {buyerId}", ct); }
        if (baseId is not null) { await keys.EnsureAsync(demo.Base, Roles.Base, baseId, $"demo base {baseId}", ct); }
        Console.WriteLine($"""
            SupplyMatch demo API keys (send as header X-Api-Key):
              admin    {demo.Admin}
              planner  {demo.Planner}
              buyer    {demo.Buyer}   (buyer {buyerId ?? "-"})
              base     {demo.Base}   (base {baseId ?? "-"})
            """);
    }
}
