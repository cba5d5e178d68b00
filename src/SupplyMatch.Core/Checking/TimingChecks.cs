using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// The days and freshness of one allocation (MODEL.md "Timing and freshness"): ship day in the lot's window, the
/// earliest such day, delivery = ship + the leg's offset inside the line's window, freshness at delivery.
/// </summary>
internal static class TimingChecks
{
    public static void Run(CheckContext context, Allocation a, int lot, int line, int offsetDays)
    {
        var l = context.Lots[lot];
        var d = context.Lines[line];
        var issues = context.Issues;
        var arc = $"allocation {a.LotId} -> {a.LineId}";
        if (a.ShipDay < l.AvailableFrom || a.ShipDay > l.AvailableTo)
        {
            issues.Add("ship-day-outside-lot-window", $"{arc}: ship day {Fmt.Day(a.ShipDay)} is outside lot {l.Id}'s window {Fmt.Day(l.AvailableFrom)}..{Fmt.Day(l.AvailableTo)}");
        }

        var expectedDelivery = a.ShipDay.AddDays(offsetDays);
        if (a.DeliveryDay != expectedDelivery)
        {
            issues.Add("delivery-day-wrong", $"{arc}: delivery day {Fmt.Day(a.DeliveryDay)}, but shipping on {Fmt.Day(a.ShipDay)} delivers on {Fmt.Day(expectedDelivery)} (+{offsetDays} d)");
        }

        if (a.DeliveryDay < d.Earliest || a.DeliveryDay > d.Latest)
        {
            issues.Add("delivery-outside-line-window", $"{arc}: delivery day {Fmt.Day(a.DeliveryDay)} is outside line {d.Id}'s window {Fmt.Day(d.Earliest)}..{Fmt.Day(d.Latest)}");
        }

        if (context.Rules.EarliestShipDay(lot, line, offsetDays) is { } earliest && earliest != a.ShipDay)
        {
            issues.Add("ship-day-not-earliest", $"{arc}: ship day {Fmt.Day(a.ShipDay)}, the earliest feasible ship day is {Fmt.Day(earliest)}");
        }

        var fresh = PairRules.FreshnessPercent(context.LotProduct[lot]!.ShelfLifeDays, l.HarvestDate, a.DeliveryDay);
        if (fresh < d.MinFreshnessPercent)
        {
            issues.Add("not-fresh-enough", $"{arc}: {fresh}% shelf life left on {Fmt.Day(a.DeliveryDay)}, line {d.Id} requires {d.MinFreshnessPercent}%");
        }

        if (fresh != a.FreshnessPercent)
        {
            issues.Add("freshness-mismatch", $"{arc}: states {a.FreshnessPercent}% freshness, harvest {Fmt.Day(l.HarvestDate)} and delivery {Fmt.Day(a.DeliveryDay)} give {fresh}%");
        }
    }
}
