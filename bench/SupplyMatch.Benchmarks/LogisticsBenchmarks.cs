using BenchmarkDotNet.Attributes;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// The deterministic phases of whole-truck planning on generated instances: every candidate path arc and bin; the LP bound
/// (one min-cost flow per product at the bins' envelope rates); the whole start plan (LP rounded to whole trucks, repaired);
/// one exact evaluation of the Lagrangian bound. The time-limited search is measured by <c>logistics-gap</c> instead.
/// </summary>
[MemoryDiagnoser]
public class LogisticsBenchmarks
{
    private MatchingProblem _problem = null!;
    private ArcTable _table = null!;
    private RelaxedSolution _lp = null!;
    private ProblemIndex _index = null!;
    private LogisticsNetwork _network = null!;
    private LagrangianBound _lagrangian = null!;
    private double[] _rent = null!;
    private double[] _price = null!;
    private readonly LogisticsSettings _settings = new() { Workers = 2 };

    [Params("200x400x20", "1000x2000x30", "10000x20000x60")]
    public string Size { get; set; } = "200x400x20";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x').Select(int.Parse).ToArray();
        _problem = LogisticsInstances.Generate(parts[0], parts[1], parts[2], 7, 42);
        _index = new ProblemIndex(_problem);
        _network = new LogisticsNetwork(_index, _settings);
        _table = ArcTable.Build(_network, _settings, 2, CancellationToken.None);
        _lp = Relaxation.Solve(_index, _table, Envelope(), duals: true, 2, CancellationToken.None);
        _lagrangian = new LagrangianBound(_index, _table, 2);
        (_rent, _price) = (_lp.LotRentMilliFen!.Select(r => r / 1000).ToArray(), _lp.LinePriceMilliFen!.Select(p => p / 1000).ToArray());
    }

    [Benchmark]
    public int CandidateArcs() => ArcTable.Build(new LogisticsNetwork(new ProblemIndex(_problem), _settings), _settings, 2, CancellationToken.None).Count;

    [Benchmark]
    public long LpBound() => Relaxation.Solve(_index, _table, Envelope(), duals: true, 2, CancellationToken.None).ObjectiveMilliFen;

    [Benchmark]
    public decimal RoundedLpPlan() => LogisticsPlanner.Plan(_problem, _settings with { Engine = LogisticsEngine.RoundedLp, BoundShare = 0, RouteDeliveries = false }).ObjectiveCny;

    [Benchmark]
    public double LagrangianEvaluation() => _lagrangian.Evaluate(_rent, _price, CancellationToken.None).Value;

    private long[] Envelope() => _table.Bins.Select(b => b.RateMilliFen).ToArray();
}
