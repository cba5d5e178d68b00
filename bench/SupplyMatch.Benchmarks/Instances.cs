using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Benchmarks;

/// <summary>The generated instances the benchmarks run on, by name; cached per process.</summary>
public static class Instances
{
    private static readonly Dictionary<string, MatchingProblem> Cache = new(StringComparer.Ordinal);

    /// <summary>Names and sizes: lots x lines x products, seven days each.</summary>
    public static readonly IReadOnlyDictionary<string, GeneratorOptions> Sizes = new Dictionary<string, GeneratorOptions>(StringComparer.Ordinal)
    {
        ["small"] = new(Lots: 1_000, Lines: 2_000, Products: 20, Days: 7, Seed: 1),
        ["medium"] = new(Lots: 5_000, Lines: 10_000, Products: 40, Days: 7, Seed: 2),
        ["gba-week"] = new(Lots: 10_000, Lines: 20_000, Products: 60, Days: 7, Seed: 3),
    };

    public static MatchingProblem Get(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var problem))
            {
                problem = ScenarioGenerator.Generate(Sizes[name]);
                Cache[name] = problem;
            }

            return problem;
        }
    }

    public static MatchingProblem With(this MatchingProblem problem, SolverChoice solver) =>
        problem with { Settings = problem.Settings with { Solver = solver } };
}
