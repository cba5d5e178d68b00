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
        var options = new JsonSerializerOptions(Core.Matching.MatchingJson.Options) { WriteIndented = false };
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

/// <summary>gzip of UTF-8 JSON, for the round documents.</summary>
public static class Gzip
{
    public static byte[] Pack(string json)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(json));
        }

        return output.ToArray();
    }

    public static string Unpack(byte[] packed)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
