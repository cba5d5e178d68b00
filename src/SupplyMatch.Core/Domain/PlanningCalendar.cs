using System.Globalization;

namespace SupplyMatch.Core.Domain;

/// <summary>
/// The calendar days SupplyMatch plans: 2000-01-01 to 2099-12-31 (CST). Every day of a lot, a demand line or a round
/// lies inside it, whether it comes from the API, a feed, an upload or a scenario directory, so that every date the
/// rules derive from them (ship day + transit days, harvest day + shelf life) is a valid date.
/// </summary>
public static class PlanningCalendar
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public static bool Contains(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>The bounds as the placeholders of <c>out_of_range</c> ("min", "max").</summary>
    public static (string Name, object Value)[] RangeArguments() =>
    [
        ("min", Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("max", Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];
}
