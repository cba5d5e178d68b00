using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>What scenario.json says: where the reference files are (null: in the scenario directory) and the settings.</summary>
internal sealed record ScenarioManifest(string? Reference, MatchingSettings Settings);

/// <summary>Reads and writes scenario.json (data/README.md, "A scenario directory").</summary>
internal static class ScenarioJson
{
    private const string File = ScenarioFileNames.ScenarioJson;

    private static readonly JsonSerializerOptions StrictOptions = new(MatchingJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    // A file edited by hand: comments and a trailing comma are harmless, a property given twice is not (which one is meant?).
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };

    /// <summary>Reads scenario.json of a directory; a directory without one gets default settings.</summary>
    public static (ScenarioManifest? Manifest, IReadOnlyList<DataError> Errors) Read(string directory)
    {
        var path = Path.Combine(directory, File);
        if (!System.IO.File.Exists(path))
        {
            return (new ScenarioManifest(null, new MatchingSettings()), []);
        }

        var bytes = System.IO.File.ReadAllBytes(path);
        if (Utf16Text.Error(bytes, File) is { } utf16)
        {
            return (null, [utf16]);
        }

        var json = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsMemory(3) : bytes.AsMemory();
        if (JsonRowReader.InvalidUtf8(json.Span, File) is { } encoding)
        {
            return (null, [encoding]);
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return ReadRoot(document.RootElement);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } n ? $" at line {n + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            return (null, [new DataError(File, 0, null, Duplicate(ex.Message) ?? $"is not valid JSON{where}: {Reason(ex.Message)}")]);
        }
    }

    /// <summary>The JSON of a self-contained scenario: its settings only.</summary>
    public static string Write(MatchingSettings settings)
    {
        var node = JsonSerializer.SerializeToNode(settings, MatchingJson.Options)!.AsObject();
        if (node["policy"] is JsonObject policy)
        {
            policy.Remove("any");
        }

        return new JsonObject { ["settings"] = node }.ToJsonString(MatchingJson.Options) + "\n";
    }

    private static (ScenarioManifest?, IReadOnlyList<DataError>) ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new DataError(File, 0, null, "must be a JSON object such as { \"reference\": \"../reference\", \"settings\": { } }")]);
        }

        var errors = new List<DataError>();
        string? reference = null;
        var settings = new MatchingSettings();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "reference" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Trim().Length > 0:
                    reference = property.Value.GetString()!.Trim();
                    break;
                case "reference":
                    errors.Add(new DataError(File, 0, "reference", "must be the path of the directory with the reference files, relative to the scenario directory (e.g. \"../reference\") or absolute"));
                    break;
                case "settings":
                    settings = ReadSettings(property.Value, errors) ?? settings;
                    break;
                default:
                    errors.Add(new DataError(File, 0, property.Name, $"unknown property \"{property.Name}\"; scenario.json has only \"reference\" and \"settings\""));
                    break;
            }
        }

        return errors.Count == 0 ? (new ScenarioManifest(reference, settings), errors) : (null, errors);
    }

    private static MatchingSettings? ReadSettings(JsonElement element, List<DataError> errors)
    {
        MatchingSettings? settings;
        try
        {
            settings = element.Deserialize<MatchingSettings>(StrictOptions);
        }
        catch (JsonException ex)
        {
            errors.Add(new DataError(File, 0, SettingPath(ex.Path), SettingsMessage(ex)));
            return null;
        }

        if (settings is null)
        {
            errors.Add(new DataError(File, 0, "settings", "must be an object of settings, not null"));
            return null;
        }

        if (settings.Policy is { MinPurchaseCnyByProvince: null } policy)
        {
            settings = settings with { Policy = policy with { MinPurchaseCnyByProvince = new Dictionary<Domain.Province, decimal>() } };
        }

        errors.AddRange(SettingsRules.Check(settings).Select(e => new DataError(File, 0, "settings." + e.Column, e.Message)));
        return settings;
    }

    private static string SettingPath(string? jsonPath) =>
        jsonPath is null or "$" ? "settings" : "settings" + jsonPath.TrimStart('$');

    private static string SettingsMessage(JsonException ex)
    {
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = ex.Message.Split('\'') is { Length: > 2 } parts ? parts[1] : "?";
            return $"unknown setting \"{name}\"; see the camelCase names of MatchingSettings in data/README.md";
        }

        var path = ex.Path ?? string.Empty;
        return path.EndsWith(".solver", StringComparison.Ordinal)
            ? "must be \"auto\", \"flow\" or \"lp\""
            : path.Contains("minPurchaseCnyByProvince", StringComparison.Ordinal)
                ? "provinces are \"yunnan\", \"guizhou\", \"sichuan\" and \"guangxi\", each with an amount in CNY"
                : Expected(ex.Path, FirstSentence(ex.Message));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    /// <summary>The parser's reason without its position suffix (the position is reported as line and byte).</summary>
    private static string Reason(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).Trim();
    }

    /// <summary>A property given twice (which one is meant?), or null for another problem.</summary>
    private static string? Duplicate(string message)
    {
        if (!message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return null;
        }

        var name = message.Split('\'') is { Length: > 2 } parts ? $"\"{parts[1]}\" " : string.Empty;
        return $"property {name}is given more than once; give each property once";
    }

    /// <summary>
    /// What a setting of the wrong JSON type must be: the type of the property the path names (the parser may name the
    /// object that holds it instead), else the type the parser names.
    /// </summary>
    private static string Expected(string? path, string message)
    {
        var type = typeof(MatchingSettings);
        foreach (var name in (path ?? "$").TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
            {
                break;
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "must be a number",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(PolicyTargets) => "must be an object such as { \"minPovertySharePercent\": 60 }, or null",
            _ when type == typeof(MatchingSettings) => "must be an object of settings such as { \"solver\": \"flow\" }",
            _ => $"has a value of the wrong type ({message})",
        };
    }
}
