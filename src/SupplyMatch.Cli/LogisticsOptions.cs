using System.Globalization;
using SupplyMatch.Core.Logistics;

namespace SupplyMatch.Cli;

/// <summary>The options of whole-truck logistics planning that <c>match --logistics</c> and <c>check</c> share.</summary>
internal static class LogisticsOptions
{
    public const string Logistics = "--logistics";
    public const string TimeLimit = "--time-limit";
    public const string Workers = "--workers";
    public const string Mip = "--mip";
    public const string NoHubs = "--no-hubs";
    public const string NoRoutes = "--no-routes";

    /// <summary>Options that take a value.</summary>
    public static readonly string[] ValueOptions = [TimeLimit, Workers, Mip];

    /// <summary>Options without a value.</summary>
    public static readonly string[] Flags = [Logistics, NoHubs, NoRoutes];

    /// <summary>The usage lines of the shared options.</summary>
    public const string UsageText =
        "  --logistics      plan whole trucks (LogisticsPlanner): paths direct or through origin hubs and GBA\n"
        + "                   distribution centres, ship days, truck types, minimum orders, city delivery routes\n"
        + "  --time-limit S   solver time limit in seconds (default settings.timeLimitSeconds of scenario.json, 60);\n"
        + "                   the delivery routes after the plan take their own time (--no-routes skips them)\n"
        + "  --workers N      worker threads, 1-64 (default settings.workers of scenario.json, 2)\n"
        + "  --mip M          scip (default; one thread) or cp-sat (honours --workers) for the integer model\n"
        + "  --no-hubs        direct trucks only: no path through a hub or a distribution centre\n"
        + "  --no-routes      do not route the deliveries from distribution centres\n";

    /// <summary>The first logistics option among the parsed arguments, or null when none is given.</summary>
    public static string? FirstGiven(ParsedArgs parsed) =>
        ValueOptions.FirstOrDefault(o => parsed.Value(o) is not null) ?? Flags.FirstOrDefault(parsed.Has);

    /// <summary>Settings from the parsed arguments, or why a value is not allowed.</summary>
    public static (LogisticsSettings? Settings, string? Error) Read(ParsedArgs parsed)
    {
        var settings = new LogisticsSettings
        {
            UseHubs = !parsed.Has(NoHubs),
            RouteDeliveries = !parsed.Has(NoRoutes),
        };
        if (parsed.Value(TimeLimit) is { } limitText)
        {
            if (!double.TryParse(limitText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
            {
                return (null, $"{TimeLimit} must be a positive number of seconds, not '{limitText}'");
            }

            settings = settings with { TimeLimitSeconds = seconds };
        }

        if (parsed.Value(Workers) is { } workersText)
        {
            if (!int.TryParse(workersText, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) || workers is < 1 or > 64)
            {
                return (null, $"{Workers} must be a whole number from 1 to 64, not '{workersText}'");
            }

            settings = settings with { Workers = workers };
        }

        return parsed.Value(Mip) switch
        {
            null or "scip" => (settings with { Solver = MipSolver.Scip }, null),
            "cp-sat" => (settings with { Solver = MipSolver.CpSat }, null),
            var other => (null, $"{Mip} must be scip or cp-sat, not '{other}'"),
        };
    }
}
