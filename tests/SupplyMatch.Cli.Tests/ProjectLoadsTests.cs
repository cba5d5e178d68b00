namespace SupplyMatch.Cli.Tests;

public sealed class ProjectLoadsTests
{
    [Fact]
    public void Assembly_under_test_is_referenced()
    {
        Assert.Equal("SupplyMatch.Cli", typeof(SupplyMatch.Core.Matching.Matcher).Assembly.GetName().Name!.Replace("Core", "Cli"));
    }
}
