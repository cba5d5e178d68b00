namespace SupplyMatch.Cli.Tests.Logistics;

/// <summary>Logistics options: documented in the usage, wrong values exit 2 with a message that says what is allowed.</summary>
public sealed class LogisticsOptionTests
{
    [Theory]
    [InlineData("--time-limit abc", "--time-limit must be a positive number of seconds, not 'abc'")]
    [InlineData("--time-limit 0", "--time-limit must be a positive number of seconds, not '0'")]
    [InlineData("--time-limit -5", "--time-limit must be a positive number of seconds, not '-5'")]
    [InlineData("--workers 0", "--workers must be a whole number from 1 to 64, not '0'")]
    [InlineData("--workers 2.5", "--workers must be a whole number from 1 to 64, not '2.5'")]
    [InlineData("--mip gurobi", "--mip must be scip or cp-sat, not 'gurobi'")]
    [InlineData("--solver lp", "--solver and --export-mps apply to the per-kg allocation, not to --logistics (use --mip)")]
    [InlineData("--time-limit", "--time-limit needs a value")]
    [InlineData("--no-hubs=yes", "--no-hubs takes no value")]
    public void A_bad_logistics_option_exits_2_with_what_is_allowed(string options, string message)
    {
        using var temp = new TempDirectory();

        var run = Cli.Run(["match", temp.Path, "--logistics", .. options.Split(' ')]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("supplymatch: " + message, run.Err, StringComparison.Ordinal);
        Assert.Contains("Usage: supplymatch match", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("--no-hubs")]
    [InlineData("--time-limit")]
    [InlineData("--mip")]
    public void A_logistics_option_without_logistics_exits_2(string option)
    {
        using var temp = new TempDirectory();
        string[] args = option == "--no-hubs" ? ["match", temp.Path, option] : ["match", temp.Path, option, option == "--mip" ? "scip" : "5"];

        var run = Cli.Run(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"supplymatch: {option} needs --logistics", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_rejects_a_bad_option_value_before_reading_anything()
    {
        var run = Cli.Run("check", "no-such-dir", "no-such.json", "--mip", "glpk");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("supplymatch: --mip must be scip or cp-sat, not 'glpk'", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_refuses_logistics_options_for_a_per_kg_matching_result()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var match = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("result.json"));
        Assert.True(match.ExitCode == ExitCodes.Ok, match.ToString());

        var run = Cli.Run("check", scenario, temp.File("result.json"), "--no-hubs");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--no-hubs applies to logistics plans", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("match", new[] { "--logistics", "--time-limit", "--workers", "--no-hubs", "--mip scip|cp-sat", "--no-routes", "--format table|json", "--out FILE" })]
    [InlineData("check", new[] { "--no-hubs", "shipments", "--logistics" })]
    public void Usage_documents_the_logistics_options(string command, string[] expected)
    {
        var run = Cli.Run("help", command);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.All(expected, text => Assert.Contains(text, run.Out, StringComparison.Ordinal));
    }
}
