using Google.OrTools.ModelBuilder;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Matching;

/// <summary>The exported MPS is read back by OR-Tools' model builder and solved by another LP solver.</summary>
public sealed class MpsExportTests
{
    [Theory]
    [InlineData(3, "highs")]
    [InlineData(11, "highs")]
    [InlineData(21, "glop")]
    public void Exported_lp_solved_elsewhere_confirms_the_objective(int seed, string solverName)
    {
        var problem = TestProblems.Random(seed, lots: 20, lines: 30);
        var result = Matcher.Solve(problem);
        var model = new Model();
        Assert.True(model.ImportFromMpsString(Matcher.ExportMps(problem)));
        var solver = new Solver(solverName);
        Assert.True(solver.SolverIsSupported(), $"{solverName} is not in this OR-Tools build");

        var status = solver.Solve(model);

        Assert.Equal(Google.OrTools.ModelBuilder.SolveStatus.OPTIMAL, status);
        Assert.Equal((double)result.ObjectiveCny, solver.ObjectiveValue, 4);
    }
}
