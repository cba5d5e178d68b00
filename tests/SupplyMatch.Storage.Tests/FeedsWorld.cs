using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage.Tests.Infrastructure;

namespace SupplyMatch.Storage.Tests;

/// <summary>Feed stores on a fixture's database, a world of reference data per test, and helpers that run one import.</summary>
public sealed class FeedWorld(StoreFixture fixture)
{
    public static readonly FeedFetchFacts Fetch = new(200, 1, 100, new FeedValidators("\"v1\"", null, "sha-1"));

    private readonly CancellationToken _ct = CancellationToken.None;

    public FeedStore Feeds { get; } = new(fixture.Database, fixture.Secrets, fixture.Clock);

    public FeedRunStore Runs { get; } = new(fixture.Database, fixture.Clock);

    public FeedImportStore Imports => new(fixture.Database, Runs, fixture.Clock);

    public Samples Samples { get; private set; } = new();

    public static FeedSettings Settings() => new("http://127.0.0.1:1/lines.csv", FeedFormat.Csv, "*/5 * * * *", FeedMode.Snapshot, null, null, true);

    public static RowParseResult<T> Rows<T>(IReadOnlyList<T> values, IReadOnlyList<RejectedRow>? rejected = null) =>
        new(values.Select((v, i) => new ParsedRow<T>(i + 2, v)).ToList(), rejected ?? [], []);

    public async Task<(Samples, Feed)> DemandFeedAsync(FeedMode mode, string? header = null, string? secret = null) =>
        await FeedAsync(FeedKind.Demand, mode, header, secret);

    public async Task<(Samples, Feed)> ForecastFeedAsync(FeedMode mode) => await FeedAsync(FeedKind.Forecast, mode, null, null);

    /// <summary>Runs one import of the rows as a full run: start, merge, finish.</summary>
    public async Task<FeedRunEnd> ImportAsync<T>(Feed feed, IReadOnlyList<T> values, IReadOnlyList<RejectedRow>? rejected = null)
    {
        var start = await Runs.TryStartAsync(feed.Id, "manual", TimeSpan.FromMinutes(5), _ct);
        Assert.True(start!.Started);
        var rows = Rows(values, rejected);
        var end = rows switch
        {
            RowParseResult<DemandLine> lines => await Imports.ImportLinesAsync(feed, start.RunId, lines, Fetch, _ct),
            RowParseResult<HarvestLot> lots => await Imports.ImportLotsAsync(feed, start.RunId, lots, Fetch, _ct),
            _ => throw new ArgumentException("rows of lines or lots", nameof(values)),
        };
        var run = await Runs.GetAsync(feed.Id, start.RunId, _ct);
        Assert.Equal((FeedRunStatus.Succeeded, end!.Counts), (run!.Status, run.Counts));
        Assert.Equal(end.Rejections, await Runs.RejectionsAsync(start.RunId, _ct));
        return end;
    }

    /// <summary>Stored id by external id, of the feed's lines or lots.</summary>
    public async Task<Dictionary<string, string>> StoredIdsAsync(Feed feed, string table)
    {
        await using var connection = await fixture.Database.OpenAsync(_ct);
        await using var command = connection.Sql($"SELECT external_id, id FROM {table} WHERE feed_id = @feed").With("feed", feed.Id);
        await using var reader = await command.ExecuteReaderAsync(_ct);
        var ids = new Dictionary<string, string>();
        while (await reader.ReadAsync(_ct))
        {
            ids[reader.GetString(0)] = reader.GetString(1);
        }

        return ids;
    }

    /// <summary>The auth header value as the feeds table holds it.</summary>
    public async Task<string?> StoredSecretAsync(string feedId)
    {
        await using var connection = await fixture.Database.OpenAsync(_ct);
        await using var command = connection.Sql("SELECT auth_header_value FROM feeds WHERE id = @id").With("id", feedId);
        return await command.ExecuteScalarAsync(_ct) as string;
    }

    /// <summary>Writes the auth header value column directly, as an earlier version (plain text) or a tamperer would.</summary>
    public async Task StoreRawSecretAsync(string feedId, string value)
    {
        await using var connection = await fixture.Database.OpenAsync(_ct);
        Assert.Equal(1, await connection.Sql("UPDATE feeds SET auth_header_value = @value WHERE id = @id").With("value", value).With("id", feedId).ExecuteAsync(_ct));
    }

    /// <summary>A round over the days, solved with the given allocations and published.</summary>
    public async Task PublishRoundAsync(Samples s, int fromDay, int toDay, IReadOnlyList<(HarvestLot Lot, DemandLine Line)> allocations)
    {
        var rounds = fixture.Stores.Rounds;
        var round = await rounds.CreateRoundWithSnapshotAsync(s.Round(fromDay, toDay), Samples.Planner, _ct);
        Assert.Equal(StartOutcome.Started, await rounds.TryStartRoundAsync(round.Id, "w", TimeSpan.FromMinutes(1), 3, _ct));
        var result = allocations.Count == 0
            ? s.Result([], s.Lot(0))
            : s.Result(allocations.Select(a => a.Line).ToList(), allocations[0].Lot);
        Assert.True(await rounds.SaveRoundResultAsync(round.Id, "w", result, _ct));
        Assert.Equal(RoundAction.Done, await rounds.PublishRoundAsync(round.Id, Samples.Planner, _ct));
    }

    private async Task<(Samples, Feed)> FeedAsync(FeedKind kind, FeedMode mode, string? header, string? secret)
    {
        Samples = new Samples();
        await Samples.CreateReferenceAsync(fixture.Stores);
        var owner = kind == FeedKind.Demand ? Samples.Buyer.Id : Samples.Base.Id;
        var id = $"F{Samples.Suffix}";
        Assert.True(await Feeds.CreateAsync(id, kind, owner, Settings() with { Mode = mode, AuthHeaderName = header, AuthHeaderValue = secret },
            Samples.Planner, _ct));
        return (Samples, (await Feeds.GetAsync(id, null, _ct))!);
    }
}
