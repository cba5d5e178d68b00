using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupplyMatch.Api.Problems;

/// <summary>
/// Timestamps the API reads: ISO-8601 with a date, a time and an explicit offset (<c>Z</c> or <c>+08:00</c>). A timestamp
/// without an offset names no instant: the framework would read it in the server's own time zone, so the same request
/// would mean 8 hours apart on a server set to UTC and on one set to China Standard Time.
/// </summary>
public static partial class IsoTimestamp
{
    /// <summary>What a timestamp must be, in the words of the API's errors.</summary>
    public const string Expected = "an ISO-8601 timestamp with its offset, e.g. 2026-06-01T22:00:00Z or 2026-06-02T06:00:00+08:00";

    /// <summary>What a query parameter's timestamp must be: a '+' in a query string decodes to a space, so its offset went missing.</summary>
    public static string ExpectedInQuery(string value) =>
        DecodedPlus().IsMatch(value) ? Expected + " (send '+' in a query string as %2B)" : Expected;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)? [0-9]{2}:[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DecodedPlus();

    /// <summary>Reads body timestamps by <see cref="TryParse"/> (a wrong one is a 400 naming its field); writes them as before.</summary>
    public sealed class Converter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonException(); // the serializer adds the path; the problem says what the field must be

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
