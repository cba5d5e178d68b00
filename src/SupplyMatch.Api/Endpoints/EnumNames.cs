namespace SupplyMatch.Api.Endpoints;

/// <summary>
/// An enumeration value given as text (a query parameter, a reference field), read by its name in any letter case and
/// never by number: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> also takes "1" or "99", which would name a
/// value the API does not document (or, for a defined number, one its sender did not mean).
/// </summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }
}
