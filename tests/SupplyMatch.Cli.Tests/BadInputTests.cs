using System.Text;

namespace SupplyMatch.Cli.Tests;

/// <summary>Bad data exits 2 and names the file, row and column of every problem on stderr.</summary>
public sealed class BadInputTests
{
    private static void SetCell(string directory, string file, int row, string column, string value)
    {
        var path = Path.Combine(directory, file);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var cells = lines[row - 1].Split(',');
        cells[Array.IndexOf(header, column)] = value;
        lines[row - 1] = string.Join(',', cells);
        File.WriteAllLines(path, lines);
    }

    [Theory]
    [InlineData("match")]
    [InlineData("check")]
    public void A_bad_row_exits_2_and_names_file_row_and_column(string command)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        SetCell(scenario, "lots.csv", 3, "quantity_kg", "-5");
        SetCell(scenario, "lines.csv", 7, "product_code", "P-DURIAN");
        File.WriteAllText(temp.File("result.json"), "{}");

        var run = command == "match" ? Cli.Run("match", scenario) : Cli.Run("check", scenario, temp.File("result.json"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("lots.csv row 3, column quantity_kg: \"-5\" is not a positive whole number of kg", run.Err, StringComparison.Ordinal);
        Assert.Contains("lines.csv row 7, column product_code: unknown product code \"P-DURIAN\"", run.Err, StringComparison.Ordinal);
        Assert.Contains("2 errors", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_named_with_its_row()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var path = Path.Combine(scenario, "bases.csv");
        var lines = File.ReadAllLines(path);
        lines[2] += "é";
        File.WriteAllText(path, string.Join("\n", lines) + "\n", Encoding.Latin1);

        var run = Cli.Run("match", scenario);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("bases.csv row 3, column poverty_county: byte 0xE9 is not valid UTF-8", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16 LE")]
    [InlineData("utf-16BE", "UTF-16 BE")]
    public void A_file_saved_as_utf16_unicode_text_is_named_as_utf16_with_the_advice_to_save_it_as_csv_utf8(string encoding, string named)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var path = Path.Combine(scenario, "lines.csv");
        File.WriteAllText(path, File.ReadAllText(path), Encoding.GetEncoding(encoding));

        var run = Cli.Run("match", scenario);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"lines.csv: the file is {named} text (Excel's \"Unicode Text\"), not UTF-8; in Excel: save as \"CSV UTF-8 (comma delimited)\"", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid UTF-8", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void A_missing_scenario_directory_exits_2()
    {
        using var temp = new TempDirectory();

        var run = Cli.Run("match", temp.File("nowhere"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("not found", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_setting_in_scenario_json_exits_2_naming_the_setting()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        File.WriteAllText(Path.Combine(scenario, "scenario.json"), """{ "settings": { "workers": 0 } }""");

        var run = Cli.Run("match", scenario);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("scenario.json, column settings.workers:", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_json_saved_in_gbk_exits_2_naming_the_byte_not_as_an_internal_error()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        // { "reference": "../参考" } written by an editor set to GBK
        File.WriteAllBytes(Path.Combine(scenario, "scenario.json"), [.. "{ \"reference\": \"../"u8, 0xB2, 0xCE, 0xBF, 0xBC, .. "\" }"u8]);

        var run = Cli.Run("match", scenario);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("scenario.json: byte 0xB2 at offset 19 is not valid UTF-8", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--out", "missing/result.json", "does not exist")]
    [InlineData("--export-mps", "missing/round.mps", "does not exist")]
    [InlineData("--out", ".", "is a directory; give the name of a file to write")]
    public void An_output_file_that_cannot_be_written_is_refused_before_the_scenario_is_solved(string option, string relative, string message)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var path = relative == "." ? temp.Path : temp.File(relative);

        foreach (var logistics in new[] { false, true })
        {
            string[] args = logistics && option == "--out" ? ["match", scenario, "--logistics", option, path] : ["match", scenario, option, path];
            var run = Cli.Run(args);

            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            Assert.Contains($"supplymatch: {option} {path}", run.Err, StringComparison.Ordinal);
            Assert.Contains(message, run.Err, StringComparison.Ordinal);
            Assert.Contains("Run 'supplymatch help match'", run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("wrote", run.Err, StringComparison.Ordinal);
            Assert.Empty(run.Out);
        }
    }

    [Theory]
    [InlineData("lots.csv", false)]
    [InlineData("lines.csv", true)]
    [InlineData("scenario.json", false)]
    public void Output_over_a_file_of_the_scenario_is_refused_and_the_file_is_unchanged(string file, bool logistics)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var path = Path.Combine(scenario, file);
        var before = File.ReadAllBytes(path);

        var run = logistics ? Cli.Run("match", scenario, "--logistics", "--out", path) : Cli.Run("match", scenario, "--out", path);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--out {path} would overwrite a file of the scenario", run.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.True(Cli.Run("match", scenario).ExitCode == ExitCodes.Ok);
    }

    [Theory]
    [InlineData("--out", "lanes.csv")]
    [InlineData("--export-mps", "products.csv")]
    public void Output_over_a_reference_file_the_scenario_json_points_to_is_refused_and_the_file_is_unchanged(string option, string file)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        // The layout of data/demo: the reference files in a directory of their own, named by scenario.json.
        var reference = Directory.CreateDirectory(temp.File("reference")).FullName;
        foreach (var name in new[] { "cities.csv", "products.csv", "bases.csv", "buyers.csv", "vehicle_types.csv", "lanes.csv", "hubs.csv" }
            .Where(name => File.Exists(Path.Combine(scenario, name))))
        {
            File.Move(Path.Combine(scenario, name), Path.Combine(reference, name));
        }

        File.WriteAllText(Path.Combine(scenario, "scenario.json"), """{ "reference": "../reference" }""");
        var path = Path.Combine(reference, file);
        var before = File.ReadAllBytes(path);

        var run = Cli.Run("match", scenario, option, path);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{option} {path} would overwrite a file of the scenario", run.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(ExitCodes.Ok, Cli.Run("match", scenario).ExitCode);
    }

    [Fact]
    public void The_result_and_the_mps_file_must_be_different_files()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();

        var run = Cli.Run("match", scenario, "--format", "json", "--out", temp.File("round.out"), "--export-mps", temp.File("round.out"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--out and --export-mps name the same file", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("round.out")));
    }

    [Fact]
    public void Checking_a_new_output_file_leaves_nothing_behind_when_the_scenario_is_bad()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        SetCell(scenario, "lots.csv", 3, "quantity_kg", "-5");

        var run = Cli.Run("match", scenario, "--out", temp.File("result.txt"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("lots.csv row 3, column quantity_kg", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("result.txt")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_scenario_at_the_end_of_the_calendar_exits_2_naming_the_days_not_as_an_internal_error(bool logistics)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        foreach (var row in Enumerable.Range(2, 40))
        {
            SetCell(scenario, "lots.csv", row, "harvest_date", "9999-12-30");
            SetCell(scenario, "lots.csv", row, "available_from", "9999-12-30");
            SetCell(scenario, "lots.csv", row, "available_to", "9999-12-31");
        }

        foreach (var row in Enumerable.Range(2, 60))
        {
            SetCell(scenario, "lines.csv", row, "earliest", "9999-12-31");
            SetCell(scenario, "lines.csv", row, "latest", "9999-12-31");
        }

        var run = logistics ? Cli.Run("match", scenario, "--logistics", "--time-limit", "5") : Cli.Run("match", scenario);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("lots.csv row 2, column available_to: must be between 2000-01-01 and 2099-12-31.", run.Err, StringComparison.Ordinal);
        Assert.Contains("lines.csv row 61, column latest: must be between 2000-01-01 and 2099-12-31.", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flow_solver_with_policy_targets_is_refused_before_solving()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        File.WriteAllText(Path.Combine(scenario, "scenario.json"), """{ "settings": { "policy": { "minPovertySharePercent": 60 } } }""");

        var run = Cli.Run("match", scenario, "--solver", "flow");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("policy targets", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "result file not found")]
    [InlineData("not json at all", "not a result")]
    [InlineData("{ \"status\": \"optimal\" }", "missing allocations")]
    [InlineData("", "result.json: the file is empty; give the result written by 'supplymatch match --format json --out FILE'")]
    [InlineData(" \r\n", "result.json: the file is empty")]
    public void A_result_file_that_cannot_be_used_exits_2(string? content, string expected)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        var result = temp.File("result.json");
        if (content is not null)
        {
            File.WriteAllText(result, content);
        }

        var run = Cli.Run("check", scenario, result);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "result.json line 1: not a result written by 'supplymatch match --format json': the value at $ has the wrong type")]
    [InlineData("{\"allocations\": 5}", "result.json line 1: not a result written by 'supplymatch match --format json': the value at $.allocations has the wrong type")]
    [InlineData("{\"x\":\n", "result.json line 2: not a result written by 'supplymatch match --format json': Expected depth to be zero at the end of the JSON payload.")]
    public void A_result_that_is_not_a_result_object_is_named_without_internal_type_names(string content, string expected)
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();
        File.WriteAllText(temp.File("result.json"), content);

        var run = Cli.Run("check", scenario, temp.File("result.json"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("SupplyMatch.", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_the_result_file_is_named_as_a_directory()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Scenario();

        var run = Cli.Run("check", scenario, temp.Path);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{temp.Path}: is a directory; give the result file", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", run.Err, StringComparison.Ordinal);
    }
}
