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
}
