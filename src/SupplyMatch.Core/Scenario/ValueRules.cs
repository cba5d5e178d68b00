using System.Globalization;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>The value rules of data/README.md, one object per kind of cell, shared by every file and by typed input.</summary>
public static class ValueRules
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ValueRule<string> Id { get; } = new(
        "an id (1 to 64 characters, no line breaks or ';')",
        Text,
        v => v.Length is > 0 and <= 64 && !v.Any(c => char.IsControl(c) || c == ';'));

    public static ValueRule<string> Name { get; } = new(
        "a name (1 to 200 characters, no line breaks)",
        Text,
        v => v.Length is > 0 and <= 200 && !v.Any(char.IsControl));

    public static ValueRule<int> PositiveKg { get; } = WholeNumber("a positive whole number of kg", 1, int.MaxValue);

    public static ValueRule<int> NonNegativeKg { get; } = WholeNumber("a whole number of kg, 0 or more", 0, int.MaxValue);

    public static ValueRule<int> Households { get; } = WholeNumber("a whole number of households, 0 or more", 0, int.MaxValue);

    public static ValueRule<int> ShelfLifeDays { get; } = WholeNumber("a whole number of days from 1 to 3650", 1, 3650);

    public static ValueRule<int> Percent { get; } = WholeNumber("a whole percentage from 0 to 100", 0, 100);

    public static ValueRule<int> Priority { get; } = WholeNumber("a priority from 1 (most urgent) to 5", 1, 5);

    public static ValueRule<decimal> PriceCny { get; } = Money("a price in CNY above 0 with at most two decimals", allowZero: false);

    public static ValueRule<decimal> CostCny { get; } = Money("an amount in CNY, 0 or more, with at most two decimals", allowZero: true);

    public static ValueRule<decimal> CrateKg { get; } = new(
        "a weight in kg above 0",
        (string s, out decimal v) => decimal.TryParse(s, NumberStyles.Number & ~NumberStyles.AllowThousands, Invariant, out v),
        v => v > 0);

    public static ValueRule<double> Latitude { get; } = Number("a latitude in decimal degrees from -90 to 90", v => v is >= -90 and <= 90);

    public static ValueRule<double> Longitude { get; } = Number("a longitude in decimal degrees from -180 to 180", v => v is >= -180 and <= 180);

    public static ValueRule<double> PositiveNumber { get; } = Number("a number above 0", v => v > 0 && double.IsFinite(v));

    public static ValueRule<double> HandlingHours { get; } = Number("a number of hours from 0 to 72", v => v is >= 0 and <= 72);

    public static ValueRule<DateOnly> Date { get; } = new(
        "a date (yyyy-MM-dd)",
        (string s, out DateOnly v) => DateOnly.TryParseExact(s, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out v),
        format: v => v.ToString("yyyy-MM-dd", Invariant));

    public static ValueRule<TimeOnly> TimeOfDay { get; } = new(
        "a time of day (HH:mm)",
        (string s, out TimeOnly v) => TimeOnly.TryParseExact(s, ["HH:mm", "H:mm"], Invariant, DateTimeStyles.None, out v),
        v => v.Second == 0 && v.Millisecond == 0,
        v => v.ToString("HH:mm:ss.FFF", Invariant));

    public static ValueRule<bool> Boolean { get; } = Closed("true or false", Vocabulary.Booleans);

    public static ValueRule<Grade> Grade { get; } = Closed("a grade", Vocabulary.Grades);

    public static ValueRule<Province> Province { get; } = Closed("a partner province", Vocabulary.Provinces);

    public static ValueRule<StorageClass> Storage { get; } = Closed("a storage class", Vocabulary.StorageClasses);

    public static ValueRule<BuyerType> BuyerType { get; } = Closed("a buyer type", Vocabulary.BuyerTypes);

    public static ValueRule<HubKind> HubKind { get; } = Closed("a hub kind", Vocabulary.HubKinds);

    public static ValueRule<IReadOnlySet<string>> Certifications { get; } = new(
        $"a list of certifications separated by \";\" from {Vocabulary.Certifications.Listing}",
        ReadCertifications,
        set => set.All(c => Vocabulary.Certifications.TryRead(c, out var code) && code == c),
        set => string.Join(";", set.Order(StringComparer.Ordinal)));

    /// <summary>How a whole number of kg, a count or a percentage is written.</summary>
    public static ValueRule<int> WholeNumber(string expectation, int min, int max) => new(
        expectation,
        (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, Invariant, out v),
        v => v >= min && v <= max);

    private static ValueRule<decimal> Money(string expectation, bool allowZero) => new(
        expectation,
        (string s, out decimal v) => decimal.TryParse(s, NumberStyles.AllowDecimalPoint, Invariant, out v),
        v => (allowZero ? v >= 0 : v > 0) && decimal.Round(v, 2) == v && v <= 1_000_000_000m);

    private static ValueRule<double> Number(string expectation, Func<double, bool> allows) => new(
        expectation,
        (string s, out double v) => double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out v),
        allows,
        v => v.ToString("R", Invariant));

    private static ValueRule<T> Closed<T>(string what, Terms<T> terms)
        where T : notnull =>
        new($"{what} ({terms.Listing})", terms.TryRead, terms.Defines, terms.Code);

    private static bool Text(string s, out string v)
    {
        v = s;
        return true;
    }

    private static bool ReadCertifications(string s, out IReadOnlySet<string> value)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        value = set;
        foreach (var item in s.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Vocabulary.Certifications.TryRead(item, out var code))
            {
                return false;
            }

            set.Add(code);
        }

        return true;
    }
}
