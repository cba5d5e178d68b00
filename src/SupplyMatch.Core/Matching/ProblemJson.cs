using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyMatch.Core.Matching;

/// <summary>
/// JSON of a whole matching problem (reference data, lots, lines, settings): a round's snapshot as the service stores it
/// and serves it (<c>GET /api/v1/rounds/{id}/snapshot</c>), and what <c>supplymatch check</c> reads in place of a scenario
/// directory. The options of <see cref="MatchingJson"/>, not indented, with read-only sets (certifications) written
/// sorted, so that the same problem gives the same bytes.
/// </summary>
public static class ProblemJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The problem as one line of JSON.</summary>
    public static string Serialize(MatchingProblem problem) => JsonSerializer.Serialize(problem, Options);

    /// <summary>Reads a problem written by <see cref="Serialize"/>.</summary>
    public static MatchingProblem Deserialize(string json) =>
        JsonSerializer.Deserialize<MatchingProblem>(json, Options) ?? throw new JsonException("The snapshot is empty (null).");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(MatchingJson.Options) { WriteIndented = false };
        options.Converters.Add(new ReadOnlySetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class ReadOnlySetConverter : JsonConverter<IReadOnlySet<string>>
    {
        public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new HashSet<string>(JsonSerializer.Deserialize<string[]>(ref reader, options) ?? [], StringComparer.Ordinal);

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Order(StringComparer.Ordinal).ToArray(), options);
    }
}
