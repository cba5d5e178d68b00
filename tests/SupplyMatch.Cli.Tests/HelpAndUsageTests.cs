namespace SupplyMatch.Cli.Tests;

public sealed class HelpAndUsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void General_help_lists_every_command_and_the_exit_codes(string flag)
    {
        var run = Cli.Run(flag);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var command in new[] { "match", "check", "generate" })
        {
            Assert.Contains($"  {command} ", run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes:", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Err);
    }

    [Theory]
    [InlineData("match")]
    [InlineData("check")]
    [InlineData("generate")]
    [InlineData("route")]
    public void Each_command_has_its_own_help_both_ways(string command)
    {
        var viaHelp = Cli.Run("help", command);
        var viaFlag = Cli.Run(command, "--help");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (viaHelp.ExitCode, viaFlag.ExitCode));
        Assert.StartsWith($"Usage: supplymatch {command}", viaHelp.Out, StringComparison.Ordinal);
        Assert.Equal(viaHelp.Out, viaFlag.Out);
        Assert.EndsWith(CliApp.ExitCodeText, viaHelp.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_on_help_is_the_general_help(string topic)
    {
        var run = Cli.Run("help", topic);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(Cli.Run("help").Out, run.Out);
        Assert.Empty(run.Err);
    }

    [Fact]
    public void Verbose_may_come_before_the_command()
    {
        using var temp = new TempDirectory();

        var before = Cli.Run("--verbose", "generate", "--out", temp.File("a"), "--lots", "3", "--lines", "4");
        var after = Cli.Run("generate", "--out", temp.File("b"), "--lots", "3", "--lines", "4", "--verbose");

        Assert.True(before.ExitCode == ExitCodes.Ok, before.ToString());
        Assert.Equal(after.ExitCode, before.ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.File("b/lots.csv")), File.ReadAllBytes(temp.File("a/lots.csv")));
        Assert.Equal(ExitCodes.BadInput, Cli.Run("--verbose").ExitCode);
    }

    [Fact]
    public void An_unknown_command_exits_2_with_the_usage()
    {
        var run = Cli.Run("optimise", "data/demo");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("unknown command 'optimise'", run.Err, StringComparison.Ordinal);
        Assert.Contains("Usage: supplymatch <command>", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void No_arguments_exit_2_with_the_usage()
    {
        var run = Cli.Run();

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("Usage: supplymatch <command>", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("match", "some-dir", "--fast")]
    [InlineData("match", "some-dir", "--format", "xml")]
    [InlineData("match", "some-dir", "--solver", "simplex")]
    [InlineData("match", "some-dir", "--out")]
    [InlineData("match")]
    [InlineData("match", "a", "b")]
    [InlineData("check", "only-one")]
    [InlineData("generate", "--lots", "12", "--out", "x", "--lots", "13")]
    [InlineData("generate", "--lots", "many", "--out", "x")]
    [InlineData("generate", "--lots", "10")]
    [InlineData("generate", "--days", "0", "--out", "x")]
    [InlineData("generate", "--start-date", "01/06/2026", "--out", "x")]
    [InlineData("help", "nothing")]
    public void Unknown_options_and_bad_arguments_exit_2_with_the_synopsis(params string[] args)
    {
        var run = Cli.Run(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("supplymatch: ", run.Err, StringComparison.Ordinal);
        Assert.Contains("Usage: supplymatch", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_1_and_verbose_adds_the_stack_trace()
    {
        CliCommand[] commands = [new("boom", "fails", "Usage: supplymatch boom\n", (_, _, _, _) => throw new InvalidOperationException("index out of step\nsecond line"))];

        var quiet = Cli.Run(commands, "boom");
        var verbose = Cli.Run(commands, "boom", "--verbose");

        Assert.Equal((ExitCodes.InternalError, ExitCodes.InternalError), (quiet.ExitCode, verbose.ExitCode));
        var first = quiet.Err.Split('\n')[0];
        Assert.Equal("supplymatch: internal error in 'boom': InvalidOperationException: index out of step second line", first);
        Assert.DoesNotContain(" at ", quiet.Err, StringComparison.Ordinal);
        Assert.Contains(" at ", verbose.Err, StringComparison.Ordinal);
    }
}
