using BenchmarkDotNet.Attributes;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// Time and memory of one routing solve on a Solomon instance with a fixed amount of search (a solution
/// limit, so every run does the same work), with the arc costs given to OR-Tools as a managed callback or
/// as a registered matrix. Solution quality at a time limit is measured separately (bench/README.md, "Delivery routing").
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class RoutingBenchmarks
{
    private RoutingProblem problem = null!;

    [Params("C101", "RC201")]
    public string Instance { get; set; } = "C101";

    [Params(ArcCostSource.Callback, ArcCostSource.Matrix)]
    public ArcCostSource ArcCosts { get; set; }

    [Params(ImprovementMethod.IteratedLocalSearch, ImprovementMethod.GuidedLocalSearch)]
    public ImprovementMethod Improvement { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var read = SolomonReader.ReadFile(RoutingInstances.PathOf(Instance));
        var settings = new RoutingSettings(TimeSpan.FromSeconds(60), Improvement: Improvement, SolutionLimit: 200);
        problem = read.Instance?.ToProblem(ArcRounding.Dimacs, settings)
            ?? throw new InvalidOperationException(read.Error?.ToString());
    }

    [Benchmark]
    public long Solve() =>
        Router.Solve(problem, ArcCosts == ArcCostSource.Matrix, CancellationToken.None).TotalDistance;
}

/// <summary>How the distance arc costs reach OR-Tools.</summary>
public enum ArcCostSource
{
    Callback,
    Matrix,
}

/// <summary>Finds the Solomon files of the repository (the Core tests' samples, the benchmark set) from wherever the benchmark process runs.</summary>
internal static class RoutingInstances
{
    /// <summary>A sample instance kept with the Core tests.</summary>
    public static string PathOf(string name) =>
        Path.Combine(Above("tests", "SupplyMatch.Core.Tests", "Routing", "Solomon"), name + ".txt");

    /// <summary>The folder of the 56 instances and their optima (bench/solomon).</summary>
    public static string SetDirectory() => Above("bench", "solomon");

    private static string Above(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine([dir.FullName, .. parts]);
            if (Directory.Exists(path))
                return path;
        }

        throw new DirectoryNotFoundException($"{string.Join('/', parts)} not found above {AppContext.BaseDirectory}.");
    }
}
