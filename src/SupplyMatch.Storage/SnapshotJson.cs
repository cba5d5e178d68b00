using System.Text.Json;

namespace SupplyMatch.Storage;

/// <summary>JSON of round snapshots: <see cref="Core.Matching.ProblemJson"/>, which the command line reads too.</summary>
public static class SnapshotJson
{
    public static JsonSerializerOptions Options => Core.Matching.ProblemJson.Options;
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
