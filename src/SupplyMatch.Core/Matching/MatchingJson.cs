using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace SupplyMatch.Core.Matching;

/// <summary>
/// The one JSON shape of problems' settings and results: camelCase, enums as camelCase strings,
/// Chinese written as is, indented. Same result, same bytes.
/// </summary>
public static class MatchingJson
{
    /// <summary>Serializer options shared by the CLI, the checker and the service.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a result (without wall-clock timings).</summary>
    public static string Serialize(MatchingResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Reads a result written by <see cref="Serialize(MatchingResult)"/>.</summary>
    public static MatchingResult Deserialize(string json) =>
        JsonSerializer.Deserialize<MatchingResult>(json, Options)
        ?? throw new JsonException("The result file is empty (null).");

    /// <summary>A whole-truck logistics plan as JSON with the same options (wall-clock timings are left out).</summary>
    public static string Serialize(Logistics.LogisticsResult plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>Reads a logistics plan written by <see cref="Serialize(Logistics.LogisticsResult)"/>.</summary>
    public static Logistics.LogisticsResult DeserializeLogistics(string json) =>
        JsonSerializer.Deserialize<Logistics.LogisticsResult>(json, Options)
        ?? throw new JsonException("The logistics plan is empty (null).");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
