using System.Globalization;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>The value rules of data/README.md, one object per kind of cell, shared by every file and by typed input.</summary>
public static class ValueRules
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ValueRule<string> Id { get; } = new(
        RowReasons.IdInvalid,
        Text,
        v => v.Length is > 0 and <= 64 && !v.Any(c => char.IsControl(c) || c == ';'));

    public static ValueRule<string> Name { get; } = new(
        RowReasons.NameInvalid,
        Text,
        v => v.Length is > 0 and <= 200 && !v.Any(char.IsControl));

    public static ValueRule<int> PositiveKg { get; } = WholeNumber(RowReasons.QuantityNotPositive, 1, int.MaxValue);

    public static ValueRule<int> NonNegativeKg { get; } = WholeNumber(RowReasons.KgInvalid, 0, int.MaxValue);

    public static ValueRule<int> Households { get; } = WholeNumber(RowReasons.HouseholdsInvalid, 0, int.MaxValue);

    public static ValueRule<int> ShelfLifeDays { get; } = WholeNumber(RowReasons.ShelfLifeOutOfRange, 1, 3650);

    public static ValueRule<int> Percent { get; } = WholeNumber(RowReasons.PercentOutOfRange, 0, 100);

    public static ValueRule<int> Priority { get; } = WholeNumber(RowReasons.PriorityOutOfRange, 1, 5);

    public static ValueRule<decimal> PriceCny { get; } = Money(RowReasons.PriceInvalid, allowZero: false);

    public static ValueRule<decimal> CostCny { get; } = Money(RowReasons.AmountInvalid, allowZero: true);

    public static ValueRule<decimal> CrateKg { get; } = new(
        RowReasons.WeightNotPositive,
        (string s, out decimal v) => decimal.TryParse(s, NumberStyles.Number & ~NumberStyles.AllowThousands, Invariant, out v),
        v => v > 0);

    public static ValueRule<double> Latitude { get; } = Number(RowReasons.LatitudeOutOfRange, v => v is >= -90 and <= 90);

    public static ValueRule<double> Longitude { get; } = Number(RowReasons.LongitudeOutOfRange, v => v is >= -180 and <= 180);

    public static ValueRule<double> PositiveNumber { get; } = Number(RowReasons.NumberNotPositive, v => v > 0 && double.IsFinite(v));

    public static ValueRule<double> HandlingHours { get; } = Number(RowReasons.HoursOutOfRange, v => v is >= 0 and <= 72);

    public static ValueRule<DateOnly> Date { get; } = new(
        RowReasons.DateInvalid,
        (string s, out DateOnly v) => DateOnly.TryParseExact(s, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out v),
        format: v => v.ToString("yyyy-MM-dd", Invariant));

    public static ValueRule<TimeOnly> TimeOfDay { get; } = new(
        RowReasons.TimeInvalid,
        (string s, out TimeOnly v) => TimeOnly.TryParseExact(s, ["HH:mm", "H:mm"], Invariant, DateTimeStyles.None, out v),
        v => v.Second == 0 && v.Millisecond == 0,
        v => v.ToString("HH:mm:ss.FFF", Invariant));

    public static ValueRule<bool> Boolean { get; } = Closed(RowReasons.BooleanInvalid, Vocabulary.Booleans);

    public static ValueRule<Grade> Grade { get; } = Closed(RowReasons.UnknownGrade, Vocabulary.Grades);

    public static ValueRule<Province> Province { get; } = Closed(RowReasons.UnknownProvince, Vocabulary.Provinces);

    public static ValueRule<StorageClass> Storage { get; } = Closed(RowReasons.UnknownStorageClass, Vocabulary.StorageClasses);

    public static ValueRule<BuyerType> BuyerType { get; } = Closed(RowReasons.UnknownBuyerType, Vocabulary.BuyerTypes);

    public static ValueRule<HubKind> HubKind { get; } = Closed(RowReasons.UnknownHubKind, Vocabulary.HubKinds);

    public static ValueRule<IReadOnlySet<string>> Certifications { get; } = new(
        RowReasons.UnknownCertification,
        ReadCertifications,
        set => set.All(c => Vocabulary.Certifications.TryRead(c, out var code) && code == c),
        set => string.Join(";", set.Order(StringComparer.Ordinal)));

    /// <summary>How a whole number of kg, a count or a percentage is written.</summary>
    public static ValueRule<int> WholeNumber(ReasonKind broken, int min, int max) => new(
        broken,
        (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, Invariant, out v),
        v => v >= min && v <= max);

    private static ValueRule<decimal> Money(ReasonKind broken, bool allowZero) => new(
        broken,
        (string s, out decimal v) => decimal.TryParse(s, NumberStyles.AllowDecimalPoint, Invariant, out v),
        v => (allowZero ? v >= 0 : v > 0) && decimal.Round(v, 2) == v && v <= 1_000_000_000m);

    private static ValueRule<double> Number(ReasonKind broken, Func<double, bool> allows) => new(
        broken,
        (string s, out double v) => double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out v),
        allows,
        v => v.ToString("R", Invariant));

    private static ValueRule<T> Closed<T>(ReasonKind broken, Terms<T> terms)
        where T : notnull =>
        new(broken, terms.TryRead, terms.Defines, terms.Code);

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
