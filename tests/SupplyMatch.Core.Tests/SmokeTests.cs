namespace SupplyMatch.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void OrTools_native_library_loads_and_solves_a_tiny_flow()
    {
        var flow = new Google.OrTools.Graph.MinCostFlow();
        flow.AddArcWithCapacityAndUnitCost(0, 1, 5, 3);
        flow.SetNodeSupply(0, 4);
        flow.SetNodeSupply(1, -4);
        Assert.Equal(Google.OrTools.Graph.MinCostFlow.Status.OPTIMAL, flow.Solve());
        Assert.Equal(12, flow.OptimalCost());
    }
}
