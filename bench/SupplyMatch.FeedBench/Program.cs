using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

// Feed import benchmark (bench/README.md, "Feed import benchmark"): full pulls of large feed files from a loopback HTTP server into PostgreSQL,
// through the same FeedPuller the Hangfire job runs (HTTP GET, SHA-256, parse, binary COPY into a staging table,
// set-based merge, run record, one transaction).
//   SupplyMatch.FeedBench CONNECTION_STRING [rows=200000] [repetitions=3] [data-dir=data]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SupplyMatch.FeedBench \"Host=127.0.0.1;Port=...;Username=postgres;Database=...\" [rows] [repetitions] [data-dir]");
    return 2;
}

var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
var repetitions = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
var demo = ScenarioFiles.LoadDirectory(Path.Combine(args.Length > 3 ? args[3] : "data", "demo"));
if (!demo.Ok)
{
    Console.Error.WriteLine("data/demo cannot be loaded: " + string.Join("; ", demo.Errors.Take(3)));
    return 2;
}

await using var database = Database.ForPostgres(args[0]);
var bench = await FeedBench.CreateAsync(database, demo.Value!);
Console.WriteLine($"| repetition | scenario | rows in file | bytes | parse only (s) | full pull (s) | rows/s | created | updated | unchanged | cancelled | rejected |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (var r = 1; r <= repetitions; r++)
{
    await bench.RunAsync(r, rows);
}

await bench.DisposeAsync();
return 0;

/// <summary>The stores, the puller and the loopback server of the benchmark.</summary>
internal sealed class FeedBench(Database database, MatchingProblem demo, FeedPuller puller, FeedStore feeds, WebApplication server, Dictionary<string, byte[]> files)
    : IAsyncDisposable
{
    private readonly ReferenceIndex _index = ReferenceIndex.Create(demo.Reference);
    private string Buyer => demo.Reference.Buyers[0].Id;
    private string Base => demo.Reference.Bases[0].Id;
    private string Root => server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FeedBench> CreateAsync(Database database, MatchingProblem demo)
    {
        var clock = TimeProvider.System;
        await new MigrationRunner(database).ApplyAsync(clock, CancellationToken.None);
        var reference = new ReferenceDataStore(database, clock);
        if (await reference.IsEmptyAsync(CancellationToken.None))
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var tx = await connection.BeginTransactionAsync();
            await reference.ImportAsync(connection, tx, demo.Reference, CancellationToken.None);
            await tx.CommitAsync();
        }

        var files = new Dictionary<string, byte[]>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        server.Run(async context =>
        {
            var body = files[context.Request.Path.Value!.TrimStart('/')];
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await server.StartAsync();

        var http = new ServiceCollection().AddHttpClient(FeedFetcher.ClientName).Services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new FeedOptions { Timeout = TimeSpan.FromMinutes(5), MaxBodyBytes = 1L << 30 });
        var secrets = new ServiceCollection().AddSingleton(database).AddSingleton(clock).AddSupplyMatchDataProtection().BuildServiceProvider()
            .GetRequiredService<FeedSecrets>();
        var feeds = new FeedStore(database, secrets, clock);
        var runs = new FeedRunStore(database, clock);
        var puller = new FeedPuller(feeds, runs, new FeedImportStore(database, runs, clock), reference, new FeedFetcher(http, options, clock), options,
            clock, NullLogger<FeedPuller>.Instance);
        return new FeedBench(database, demo, puller, feeds, server, files);
    }

    /// <summary>One repetition: new CSV feed (create), changed snapshot, same rows in another order, new JSON feed, new lots feed.</summary>
    public async Task RunAsync(int repetition, int rows)
    {
        var tag = $"{repetition}-{Guid.NewGuid():N}"[..12];
        var lines = Lines(rows, 0);
        await PullAsync(repetition, "CSV lines, all new", $"lines-{tag}", FeedKind.Demand, FeedFormat.Csv, FeedFileWriter.Lines(lines, FeedFormat.Csv));
        // 10% changed quantities, 5% removed, 5% new: a snapshot that updates, cancels and creates.
        var changed = lines.Where((_, i) => i % 20 != 7).Select((l, i) => i % 10 == 3 ? l with { QuantityKg = l.QuantityKg + 100 } : l)
            .Concat(Lines(rows / 20, rows)).ToList();
        await PullAsync(repetition, "CSV lines, 10% changed, 5% removed, 5% new", $"lines-{tag}", FeedKind.Demand, FeedFormat.Csv, FeedFileWriter.Lines(changed, FeedFormat.Csv));
        await PullAsync(repetition, "CSV lines, same rows reordered", $"lines-{tag}", FeedKind.Demand, FeedFormat.Csv,
            FeedFileWriter.Lines(changed.AsEnumerable().Reverse(), FeedFormat.Csv));
        await PullAsync(repetition, "JSON lines, all new", $"json-{tag}", FeedKind.Demand, FeedFormat.Json, FeedFileWriter.Lines(lines, FeedFormat.Json));
        await PullAsync(repetition, "CSV lots, all new", $"lots-{tag}", FeedKind.Forecast, FeedFormat.Csv, FeedFileWriter.Lots(Lots(rows), FeedFormat.Csv));
    }

    private async Task PullAsync(int repetition, string scenario, string feedId, FeedKind kind, FeedFormat format, byte[] body)
    {
        var path = $"{feedId}.{format.ToString().ToLowerInvariant()}";
        files[path] = body;
        if (await feeds.GetAsync(feedId, null, CancellationToken.None) is null)
        {
            var owner = kind == FeedKind.Demand ? Buyer : Base;
            await feeds.CreateAsync(feedId, kind, owner, new FeedSettings($"{Root}/{path}", format, "0 3 * * *", FeedMode.Snapshot, null, null, true),
                Actor.System, CancellationToken.None);
        }

        var parse = Stopwatch.StartNew();
        var parsed = kind == FeedKind.Demand
            ? FeedFile.ParseLines(body, format, _index, path, Buyer).Accepted.Count
            : FeedFile.ParseLots(body, format, _index, path, Base).Accepted.Count;
        parse.Stop();
        GC.Collect();
        var pull = Stopwatch.StartNew();
        var run = await puller.PullAsync(feedId, "manual", CancellationToken.None) ?? throw new InvalidOperationException("no run");
        pull.Stop();
        if (run.Status != FeedRunStatus.Succeeded || run.Counts.Read != parsed)
        {
            throw new InvalidOperationException($"{scenario}: {run.Status} {run.Error} {run.Counts}");
        }

        var c = run.Counts;
        Console.WriteLine($"| {repetition} | {scenario} | {c.Read:N0} | {body.Length:N0} | {parse.Elapsed.TotalSeconds:0.00} | {pull.Elapsed.TotalSeconds:0.00} | "
            + $"{c.Read / pull.Elapsed.TotalSeconds:N0} | {c.Created:N0} | {c.Updated:N0} | {c.Unchanged:N0} | {c.Cancelled:N0} | {c.Rejected:N0} |");
    }

    /// <summary>Lines of the first buyer with the terms of the demo lines (valid against the reference data), ids from <paramref name="first"/>.</summary>
    private List<DemandLine> Lines(int count, int first) => Enumerable.Range(first, count).Select(i =>
    {
        var t = demo.Lines[i % demo.Lines.Count];
        return t with { Id = $"BL-{i:D7}", BuyerId = Buyer, QuantityKg = t.QuantityKg + (i % 97) };
    }).ToList();

    private List<HarvestLot> Lots(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var t = demo.Lots[i % demo.Lots.Count];
        return t with { Id = $"BH-{i:D7}", BaseId = Base, QuantityKg = t.QuantityKg + (i % 97), MinOrderKg = 0 };
    }).ToList();

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
        await database.DisposeAsync();
    }
}
