using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Api.Endpoints;

/// <summary>
/// Sample feeds as a buyer's or a base's own system would publish them, generated from the demo scenario in data/demo:
/// the owner's lines (lots) of the following week (dates + 7 days, ids prefixed "W2-"), so pulling them adds next
/// week's demand and supply next to the seeded week. CSV has Chinese headers unless ?header=en (any other value, or another
/// query parameter, answers 400).
/// </summary>
public sealed class SampleFeeds(StartupTasks startup)
{
    public const int ShiftDays = 7;

    private readonly Lazy<MatchingProblem?> _demo = new(() =>
    {
        var loaded = ScenarioFiles.LoadDirectory(Path.Combine(startup.DataPath(), "demo"));
        return loaded.Ok ? loaded.Value : null;
    });

    private readonly DateTimeOffset _published = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>When the samples were generated (their Last-Modified).</summary>
    public DateTimeOffset Published => _published;

    public IReadOnlyList<DemandLine>? Lines(string buyerId) =>
        _demo.Value is { } demo && demo.Reference.Buyers.Any(b => b.Id == buyerId)
            ? demo.Lines.Where(l => l.BuyerId == buyerId).Select(l => l with
            {
                Id = "W2-" + l.Id, Earliest = l.Earliest.AddDays(ShiftDays), Latest = l.Latest.AddDays(ShiftDays),
            }).ToList()
            : null;

    public IReadOnlyList<HarvestLot>? Lots(string baseId) =>
        _demo.Value is { } demo && demo.Reference.Bases.Any(b => b.Id == baseId)
            ? demo.Lots.Where(l => l.BaseId == baseId).Select(l => l with
            {
                Id = "W2-" + l.Id, HarvestDate = l.HarvestDate.AddDays(ShiftDays), AvailableFrom = l.AvailableFrom.AddDays(ShiftDays),
                AvailableTo = l.AvailableTo.AddDays(ShiftDays),
            }).ToList()
            : null;
}

public static class SampleFeedEndpoints
{
    /// <summary>GET /samples/buyers/{id}/lines.csv|json and /samples/bases/{id}/lots.csv|json, anonymous, with ETag and Last-Modified.</summary>
    public static void MapFeedSamples(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<FeedOptions>>().Value.ServeSamples)
        {
            return;
        }

        var group = app.MapGroup("/samples").WithTags("Sample feeds").AllowAnonymous().RefuseUnknownQueryParameters();
        group.MapGet("/buyers/{buyerId}/lines.{format}", (string buyerId, string format, string? header, SampleFeeds samples) =>
                Serve(format, header, samples, samples.Lines(buyerId) is { } lines ? (f, zh) => FeedFileWriter.Lines(lines, f, zh) : null, "Buyer", buyerId))
            .WithName("GetSampleDemandFeed").WithSummary("A sample buyer feed")
            .WithDescription("Anonymous. The buyer's demo lines of the following week, as its ordering system would publish them (format csv or json).")
            .ProducesFile().ProducesValidationProblem().ProducesProblem(404);
        group.MapGet("/bases/{baseId}/lots.{format}", (string baseId, string format, string? header, SampleFeeds samples) =>
                Serve(format, header, samples, samples.Lots(baseId) is { } lots ? (f, zh) => FeedFileWriter.Lots(lots, f, zh) : null, "Base", baseId))
            .WithName("GetSampleForecastFeed").WithSummary("A sample base feed")
            .WithDescription("Anonymous. The base's demo harvest lots of the following week, as its planning sheet would publish them (format csv or json).")
            .ProducesFile().ProducesValidationProblem().ProducesProblem(404);
    }

    /// <summary>
    /// The file (200: CSV, or JSON as an array of rows, one object per row with the columns of data/README.md as members) or 304
    /// when the ETag or Last-Modified sent still holds.
    /// </summary>
    private static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder) =>
        builder.Produces<IReadOnlyList<Dictionary<string, JsonElement>>>(StatusCodes.Status200OK, "text/csv", "application/json")
            .Produces(StatusCodes.Status304NotModified);

    /// <param name="header">CSV column names: "zh" (default) or "en".</param>
    private static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> Serve(
        string format, string? header, SampleFeeds samples, Func<FeedFormat, bool, byte[]>? write, string what, string id)
    {
        var v = new Validator();
        v.Rule(header is null or "zh" or "en", "header", "one_of", "must be zh (Chinese column names, the default) or en.");
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        if (format is not ("csv" or "json") || write is null)
        {
            return Problem.NotFound($"{what} sample feed", $"{id}.{format}");
        }

        var feedFormat = format == "csv" ? FeedFormat.Csv : FeedFormat.Json;
        var bytes = write(feedFormat, header != "en");
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        var type = feedFormat == FeedFormat.Csv ? "text/csv; charset=utf-8" : "application/json";
        return TypedResults.Bytes(bytes, type, lastModified: samples.Published, entityTag: tag);
    }
}
