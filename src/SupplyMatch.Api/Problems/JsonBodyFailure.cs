using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace SupplyMatch.Api.Problems;

/// <summary>
/// Says in the API's words what is wrong with a JSON body: that it is missing, that it is not JSON at all (and where), or what a
/// field of the wrong type must be, read from the type the field binds to (the serializer's message names the C# type).
/// </summary>
public static partial class JsonBodyFailure
{
    private static readonly Dictionary<Type, string> Simple = new()
    {
        [typeof(DateOnly)] = "a calendar day yyyy-MM-dd",
        [typeof(TimeOnly)] = "a time of day HH:mm",
        [typeof(DateTimeOffset)] = IsoTimestamp.Expected,
        [typeof(DateTime)] = "an ISO-8601 timestamp",
        [typeof(Guid)] = "an id (a GUID)",
        [typeof(int)] = Whole(int.MinValue, int.MaxValue),
        [typeof(long)] = Whole(long.MinValue, long.MaxValue),
        [typeof(short)] = Whole(short.MinValue, short.MaxValue),
        [typeof(decimal)] = "a number",
        [typeof(double)] = "a number",
        [typeof(float)] = "a number",
        [typeof(bool)] = "true or false",
        [typeof(string)] = "a string",
    };

    /// <summary>What a field the body's object does not have is, followed by the fields it has.</summary>
    public const string UnknownField = "is not a field the API takes; the fields there are ";

    /// <summary>The rule an error at a JSON path is filed under: unknown_field for a field the object does not have, else invalid_json.</summary>
    public static string Rule(string expected) => expected.StartsWith(UnknownField, StringComparison.Ordinal) ? "unknown_field" : "invalid_json";

    /// <summary>A missing body: the framework names the C# parameter (<c>Required parameter "DemandLineBody body" was not provided from body.</c>).</summary>
    public static bool IsMissingBody(string message) => MissingBody().IsMatch(message);

    /// <summary>The body ends early or breaks JSON syntax: the reader failed, not a conversion to a field's type.</summary>
    public static bool IsSyntax(JsonException json) => json.InnerException is JsonException;

    /// <summary>Where the reader stopped, e.g. " at line 1, position 16", or "" when unknown.</summary>
    public static string Where(JsonException json) => json.LineNumber is { } line && json.BytePositionInLine is { } position
        ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, position {position + 1}")
        : "";

    /// <summary>
    /// What is wrong with the value at <paramref name="path"/> (as the serializer reports it, e.g. <c>$.lines[0].quantityKg</c>) of a
    /// <paramref name="bodyType"/> body, e.g. "must be a calendar day yyyy-MM-dd" (or, for a map's key, "is not a valid key: ..."),
    /// from the type it binds to; null when the path leads nowhere known.
    /// </summary>
    public static string? Expected(Type bodyType, string path, JsonSerializerOptions options)
    {
        var type = bodyType;
        var segments = Segments(path).ToList();
        foreach (var (segment, i) in segments.Select((segment, i) => (segment, i)))
        {
            var info = options.GetTypeInfo(Underlying(type));
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when segment.Name is { } name:
                    var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                    if (info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is not { } property)
                    {
                        // The last step unknown: a field the object does not have (the options refuse unmapped members).
                        return i == segments.Count - 1 ? UnknownField + string.Join(", ", info.Properties.Where(Settable).Select(p => p.Name)) : null;
                    }

                    type = property.PropertyType;
                    break;
                case JsonTypeInfoKind.Enumerable when segment.Name is null:
                    type = info.ElementType!;
                    break;
                case JsonTypeInfoKind.Dictionary when segment.Name is { } key:
                    if (!IsValidKey(info.KeyType!, key, options))
                    {
                        return $"is not a valid key: keys must be {Describe(info.KeyType!, options)}";
                    }

                    type = info.ElementType!;
                    break;
                default:
                    return null;
            }
        }

        return "must be " + Describe(type, options);
    }

    private static string Describe(Type declared, JsonSerializerOptions options)
    {
        var type = Underlying(declared);
        if (type.IsEnum)
        {
            return "one of: " + string.Join(", ", EnumNames(type, options));
        }

        return Simple.TryGetValue(type, out var simple) ? simple : options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ => "a value of the documented form",
        };
    }

    private static string Whole(long min, long max) => string.Create(CultureInfo.InvariantCulture, $"a whole number between {min} and {max}");

    // The names the API accepts, as the configured enum converter (and its naming policy) writes them.
    private static IEnumerable<string> EnumNames(Type type, JsonSerializerOptions options) =>
        Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"'));

    private static bool IsValidKey(Type keyType, string key, JsonSerializerOptions options)
    {
        var type = Underlying(keyType);
        return !type.IsEnum || EnumNames(type, options).Contains(key, StringComparer.OrdinalIgnoreCase);
    }

    // A field a sender can set (a computed one such as a policy's "any" is only written), as the list of the fields an object takes.
    private static bool Settable(JsonPropertyInfo property) => property.Set is not null || property.AssociatedParameter is not null;

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    /// <summary>The steps of a path: a property or key (its name), or an array index (null).</summary>
    private static IEnumerable<(string? Name, int Index)> Segments(string path)
    {
        foreach (Match step in Step().Matches(path.StartsWith('$') ? path[1..] : path))
        {
            if (step.Groups["index"].Success)
            {
                yield return (null, int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                yield return ((step.Groups["name"].Success ? step.Groups["name"] : step.Groups["quoted"]).Value, 0);
            }
        }
    }

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\[(?<index>[0-9]+)\]|\['(?<quoted>(?:[^']|'')*)'\]""", RegexOptions.CultureInvariant)]
    private static partial Regex Step();

    [GeneratedRegex("""^(Required parameter "[^"]+" was not provided from body|Implicit body inferred for parameter "[^"]+" but no body was provided)""", RegexOptions.CultureInvariant)]
    private static partial Regex MissingBody();
}
