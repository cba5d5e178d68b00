using System.Text.Json;

namespace SupplyMatch.Storage;

/// <summary>Enums are stored as the camelCase names the API uses ("chilled", "wholesaleMarket").</summary>
public static class EnumText
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static T Parse<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    public static string JoinSet(IEnumerable<string> values) => string.Join(';', values.Order(StringComparer.Ordinal));

    public static IReadOnlySet<string> SplitSet(string text) =>
        new HashSet<string>(text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
