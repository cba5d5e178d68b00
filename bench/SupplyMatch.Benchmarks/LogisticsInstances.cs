using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// The logistics benchmarks' instances: <see cref="ScenarioGenerator"/> scenarios (bases = lots / 20, buyers = lines / 40,
/// 35 % of lots with a minimum order, 15 % all-or-nothing lines, the eight hubs of the reference data); deterministic per seed.
/// </summary>
public static class LogisticsInstances
{
    public static MatchingProblem Generate(int lots, int lines, int products, int days, int seed) =>
        ScenarioGenerator.Generate(new GeneratorOptions(lots, lines, products, days, seed));

    /// <summary>
    /// The instance a runner's options name: <c>--scenario DIR</c> (a scenario directory, e.g. data/demo), or a generated one
    /// of <c>--lots --lines --products --days --seed</c> (defaults given).
    /// </summary>
    /// <summary>
    /// A planning run of the instance the options name, built up to its start plan (candidates, LP, slope scaling, warm
    /// start) on the work budget of <c>--time S</c> (default 60) with the clock cap lifted: the same start plan on a busy
    /// machine. Two workers, no delivery routing.
    /// </summary>
    internal static (PlanningRun Run, LogisticsSettings Settings) StartPlan(LogisticsGapRunner.Options options)
    {
        var problem = From(options, 10_000, 20_000, 60);
        var seconds = options.Double("time", 60);
        var settings = new LogisticsSettings
        {
            TimeLimitSeconds = 100 * seconds, WorkLimit = (long)(seconds * LogisticsSettings.WorkUnitsPerSecond), Workers = 2, RouteDeliveries = false,
        };
        var run = new PlanningRun(problem, settings, default);
        run.BuildCandidates();
        run.SolveLp();
        run.BuildStart();
        return (run, settings);
    }

    internal static MatchingProblem From(LogisticsGapRunner.Options options, int lots, int lines, int products) =>
        options.Text("scenario", "") is { Length: > 0 } directory
            ? ScenarioFiles.LoadDirectory(directory).Value ?? throw new InvalidOperationException($"{directory} does not load.")
            : Generate(options.Int("lots", lots), options.Int("lines", lines), options.Int("products", products), options.Int("days", 7), options.Int("seed", 42));
}
