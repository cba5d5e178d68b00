using System.Text.RegularExpressions;

namespace SupplyMatch.Api.Problems;

/// <summary>
/// Says in the API's words what a query parameter of the wrong type must be: the framework's message names the C# type
/// (<c>Failed to bind parameter "Nullable&lt;int&gt; limit" from "abc".</c>), which a caller cannot act on.
/// </summary>
public static partial class BindFailure
{
    private const int MaxValueLength = 100;

    // Paging parameters have narrower ranges than their type; a value beyond the type is out of the same range (see Validator.Range).
    private static readonly Dictionary<string, (long Min, long Max)> Ranges = new(StringComparer.Ordinal)
    {
        ["offset"] = (0, int.MaxValue),
        ["limit"] = (1, Endpoints.EndpointConventions.MaxLimit),
    };

    /// <summary>The parameter's name and a sentence on what it must be, or null when the message is not a binding failure.</summary>
    public static (string Name, string Detail, string Error)? Describe(string message)
    {
        var match = Pattern().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        value = value.Length > MaxValueLength ? value[..MaxValueLength] + "..." : value;
        var expected = Expected(match.Groups["type"].Value, name, match.Groups["value"].Value);
        return (name, $"Parameter '{name}' must be {expected}, not '{value}'.", $"invalid_value: {name} must be {expected}.");
    }

    private static string Expected(string type, string name, string value)
    {
        var bare = type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type[9..^1] : type;
        return bare switch
        {
            // A whole number that still failed is out of the type's range: say the parameter's range, or the caller cannot see why.
            "int" or "Int32" when WholeNumber().IsMatch(value) => Between(Ranges.GetValueOrDefault(name, (int.MinValue, int.MaxValue))),
            "long" or "Int64" when WholeNumber().IsMatch(value) => Between(Ranges.GetValueOrDefault(name, (long.MinValue, long.MaxValue))),
            "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
            "decimal" or "double" or "float" => "a number",
            "bool" or "Boolean" => "true or false",
            "Guid" => "an id (a GUID)",
            "DateOnly" => "a calendar day yyyy-MM-dd",
            "DateTimeOffset" => IsoTimestamp.ExpectedInQuery(value),
            "DateTime" => "an ISO-8601 timestamp",
            _ => "one of the documented values",
        };
    }

    private static string Between((long Min, long Max) range) => $"a whole number between {range.Min} and {range.Max}";

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^[+-]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();
}
