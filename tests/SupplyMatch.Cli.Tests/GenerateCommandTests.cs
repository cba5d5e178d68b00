using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public void A_generated_directory_loads_strictly_with_the_sizes_asked_for()
    {
        using var temp = new TempDirectory();
        var directory = temp.File("gen");

        var run = Cli.Run("generate", "--lots", "120", "--lines", "250", "--products", "12", "--days", "5", "--seed", "77", "--start-date", "2026-09-14", "--out", directory);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("120 lots, 250 lines, 12 products", run.Out, StringComparison.Ordinal);
        var loaded = ScenarioFiles.LoadDirectory(directory);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var problem = loaded.Value!;
        Assert.Equal((120, 250, 12), (problem.Lots.Count, problem.Lines.Count, problem.Reference.Products.Count));
        Assert.All(problem.Lines, l => Assert.InRange(l.Earliest, new DateOnly(2026, 9, 15), new DateOnly(2026, 9, 19)));
    }

    [Fact]
    public void Generate_names_the_days_its_lines_and_lots_span_and_the_round_horizon_that_plans_every_line_whole()
    {
        // "--days 7" is where demand starts; windows run on past it, so a round over the seven days alone would cut or drop lines.
        using var temp = new TempDirectory();
        var directory = temp.File("gen");

        var run = Cli.Run("generate", "--lots", "60", "--lines", "120", "--days", "7", "--seed", "11", "--start-date", "2026-12-12", "--out", directory);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var problem = ScenarioFiles.LoadDirectory(directory).Value!;
        var (first, last) = (problem.Lines.Min(l => l.Earliest), problem.Lines.Max(l => l.Latest));
        Assert.True(last > new DateOnly(2026, 12, 18), $"the lines end {last}: the test shows nothing");
        Assert.Contains(
            $"lines deliver {first:yyyy-MM-dd}..{last:yyyy-MM-dd}, lots ship {problem.Lots.Min(l => l.AvailableFrom):yyyy-MM-dd}.."
            + $"{problem.Lots.Max(l => l.AvailableTo):yyyy-MM-dd}; a round of the service plans every line whole over horizonFrom {first:yyyy-MM-dd}, "
            + $"horizonTo {last:yyyy-MM-dd}",
            run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        using var temp = new TempDirectory();
        var first = temp.Scenario("a", seed: 9);
        var second = temp.Scenario("b", seed: 9);

        var files = Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        string[] expected = ["bases.csv", "buyers.csv", "cities.csv", "hubs.csv", "lanes.csv", "lines.csv", "lots.csv", "products.csv", "scenario.json", "vehicle_types.csv"];
        Assert.Equal(expected, files.Select(f => f!));
        Assert.Equal(files, Directory.GetFiles(second).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first, f!)), File.ReadAllBytes(Path.Combine(second, f!))));
    }

    [Fact]
    public void Bases_and_buyers_can_be_sized_explicitly()
    {
        using var temp = new TempDirectory();
        var directory = temp.File("gen");

        var run = Cli.Run("generate", "--out", directory, "--lots", "30", "--lines", "30", "--bases", "17", "--buyers", "23");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var reference = ScenarioFiles.LoadReference(directory).Value!;
        Assert.Equal((17, 23), (reference.Bases.Count, reference.Buyers.Count));
    }

    [Fact]
    public void Writing_over_a_file_is_refused()
    {
        using var temp = new TempDirectory();
        var file = temp.File("not-a-dir");
        File.WriteAllText(file, "x");

        var run = Cli.Run("generate", "--out", file);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("is a file", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_cannot_be_made_exits_2_naming_it_not_as_an_internal_error()
    {
        using var temp = new TempDirectory();
        var file = temp.File("not-a-dir");
        File.WriteAllText(file, "x");
        var below = Path.Combine(file, "scenario");

        var run = Cli.Run("generate", "--out", below, "--lots", "3", "--lines", "3");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"supplymatch: cannot write the scenario to {below}", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("--lots", "abc", "--lots must be a whole number, not 'abc'")]
    [InlineData("--lots", "99999999999", "--lots must be a whole number from 1 to 1000000, not '99999999999'")]
    [InlineData("--seed", "-99999999999", "--seed must be a whole number from -2147483648 to 2147483647, not '-99999999999'")]
    public void A_number_that_is_not_a_whole_number_or_too_large_is_told_what_it_must_be(string option, string value, string message)
    {
        using var temp = new TempDirectory();

        var run = Cli.Run("generate", "--out", temp.File("g"), option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("supplymatch: " + message + Environment.NewLine, run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-01", "7")]
    [InlineData("2000-01-01", "7")]
    [InlineData("2099-12-22", "7")]
    [InlineData("2099-06-01", "366")]
    public void A_start_date_whose_scenario_leaves_the_planning_calendar_is_refused(string start, string days)
    {
        using var temp = new TempDirectory();

        var run = Cli.Run("generate", "--out", temp.File("g"), "--lots", "5", "--lines", "5", "--days", days, "--start-date", start);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--start-date must be from 2000-01-02 to ", run.Err, StringComparison.Ordinal);
        Assert.Contains($"got {start}", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("g")));
    }

    [Theory]
    [InlineData("2000-01-02")]
    [InlineData("2099-12-21")]
    public void The_first_and_last_start_dates_give_scenarios_that_load_and_match(string start)
    {
        using var temp = new TempDirectory();
        var directory = temp.File("g");

        var run = Cli.Run("generate", "--out", directory, "--lots", "300", "--lines", "300", "--days", "7", "--seed", "4", "--start-date", start);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var problem = ScenarioFiles.LoadDirectory(directory).Value!;
        Assert.Contains(problem.Lots, l => l.HarvestDate == DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1));
        var match = Cli.Run("match", directory);
        Assert.True(match.ExitCode == ExitCodes.Ok, match.ToString());
    }
}
