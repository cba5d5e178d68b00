namespace SupplyMatch.Storage.Tests;

public sealed class ProjectLoadsTests
{
    [Fact]
    public void Assembly_under_test_is_referenced()
    {
        Assert.Equal("SupplyMatch.Storage", typeof(SupplyMatch.Core.Matching.Matcher).Assembly.GetName().Name!.Replace("Core", "Storage"));
    }
}
