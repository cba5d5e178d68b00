using System.Diagnostics;

namespace SupplyMatch.Core.Matching;

/// <summary>The problem cannot be solved as asked (e.g. the flow solver forced with policy targets set).</summary>
public sealed class MatchingException(string message) : Exception(message);

/// <summary>The matching engine: candidate arcs, allocation solve, explanations and KPIs.</summary>
public static class Matcher
{
    /// <summary>
    /// Solves a matching problem to proven optimality (MODEL.md): min-cost flow when there are no policy
    /// targets, GLOP when there are (or when forced). Deterministic: the same problem gives the same result.
    /// </summary>
    /// <exception cref="MatchingException">The flow solver was forced while policy targets are set.</exception>
    public static MatchingResult Solve(MatchingProblem problem, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var index = new ProblemIndex(problem);
        var diagnoses = new LineDiagnosis[index.Lines.Length];
        var arcs = BuildArcs(index, diagnoses, cancellationToken);
        var candidatesMs = total.Elapsed.TotalMilliseconds;
        var solution = ChooseSolver(problem.Settings) == SolverChoice.Flow
            ? FlowAllocator.Solve(index, arcs, cancellationToken)
            : LpAllocator.Solve(index, arcs, cancellationToken);
        var solveMs = total.Elapsed.TotalMilliseconds - candidatesMs;
        var result = ResultBuilder.Build(index, arcs, solution, diagnoses);
        return result with
        {
            Timings = new SolveTimings(candidatesMs, solveMs, total.Elapsed.TotalMilliseconds - candidatesMs - solveMs, total.Elapsed.TotalMilliseconds),
        };
    }

    /// <summary>The allocation LP of the problem in free MPS format (objective in CNY), so that any LP solver can confirm the optimum.</summary>
    public static string ExportMps(MatchingProblem problem)
    {
        var index = new ProblemIndex(problem);
        var arcs = BuildArcs(index, new LineDiagnosis[index.Lines.Length], CancellationToken.None);
        using var model = LpModel.Build(index, arcs, named: true);
        return model.Solver.ExportModelAsMpsFormat(fixed_format: false, obfuscated: false);
    }

    /// <summary>The greedy baseline on the same candidate arcs (benchmarks and tests only).</summary>
    internal static MatchingResult SolveGreedy(MatchingProblem problem)
    {
        var index = new ProblemIndex(problem);
        var diagnoses = new LineDiagnosis[index.Lines.Length];
        var arcs = BuildArcs(index, diagnoses, CancellationToken.None);
        return ResultBuilder.Build(index, arcs, GreedyAllocator.Solve(index, arcs), diagnoses);
    }

    internal static ArcSet BuildArcs(ProblemIndex index, LineDiagnosis[] diagnoses, CancellationToken cancellationToken)
    {
        var products = new ProductArcs[index.ProductCodes.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, index.Settings.Workers), CancellationToken = cancellationToken };
        Parallel.For(0, products.Length, options, p => products[p] = CandidateArcs.Build(index, p, diagnoses));
        return ArcSet.Concatenate(products);
    }

    private static SolverChoice ChooseSolver(MatchingSettings settings)
    {
        var policy = settings.Policy is { Any: true };
        return settings.Solver switch
        {
            SolverChoice.Flow when policy => throw new MatchingException(
                "The flow solver cannot honour policy targets; use --solver lp or auto, or remove the targets."),
            SolverChoice.Flow => SolverChoice.Flow,
            SolverChoice.Lp => SolverChoice.Lp,
            _ => policy ? SolverChoice.Lp : SolverChoice.Flow,
        };
    }
}
