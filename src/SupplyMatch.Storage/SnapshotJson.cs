using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyMatch.Storage;

/// <summary>
/// JSON of round snapshots: the result options of Core plus read-only sets (certifications), written sorted so
/// that the same problem gives the same bytes.
/// </summary>
public static class SnapshotJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(Core.Matching.MatchingJson.Options);
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

/// <summary>Timestamps at the precision both databases keep (microseconds), so that what is returned equals what is stored.</summary>
public static class ClockExtensions
{
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }
}
