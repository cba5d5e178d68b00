namespace SupplyMatch.Api.Tests;

public sealed class ProjectLoadsTests
{
    [Fact]
    public void Assembly_under_test_is_referenced()
    {
        Assert.Equal("SupplyMatch.Api", typeof(SupplyMatch.Core.Matching.Matcher).Assembly.GetName().Name!.Replace("Core", "Api"));
    }
}
