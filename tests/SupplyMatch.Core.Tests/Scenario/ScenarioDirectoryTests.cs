using System.Text;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

public sealed class ScenarioDirectoryTests
{
    [Fact]
    public void A_written_scenario_reads_back_to_an_equal_problem()
    {
        using var directory = ScenarioDirectory.Create();
        var settings = new MatchingSettings
        {
            Solver = SolverChoice.Lp,
            PovertyBonusCnyPerKg = 0.25m,
            Policy = new PolicyTargets(new Dictionary<Province, decimal> { [Province.Guizhou] = 120_000m }, 55m),
        };
        var problem = directory.Problem with { Settings = settings };
        ScenarioFiles.WriteDirectory(problem, directory.Path);

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        ProblemAssert.Equal(problem, loaded.Value!);
        Assert.Equal(120_000m, loaded.Value!.Settings.Policy!.MinPurchaseCnyByProvince[Province.Guizhou]);
    }

    [Fact]
    public void Names_with_commas_and_quotes_survive_a_round_trip_and_outer_spaces_are_trimmed()
    {
        using var directory = ScenarioDirectory.Create();
        var bases = directory.Problem.Reference.Bases.ToList();
        bases[0] = bases[0] with { NameZh = "元谋,\"金沙江\"合作社", NameEn = " Yuanmou, \"Jinsha\" " };
        var problem = directory.Problem with { Reference = directory.Problem.Reference with { Bases = bases } };
        ScenarioFiles.WriteDirectory(problem, directory.Path);

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Equal("元谋,\"金沙江\"合作社", loaded.Value!.Reference.Bases[0].NameZh);
        Assert.Equal("Yuanmou, \"Jinsha\"", loaded.Value.Reference.Bases[0].NameEn);
    }

    [Fact]
    public void Chinese_headers_and_chinese_values_are_accepted()
    {
        using var directory = ScenarioDirectory.Create();
        foreach (var schema in new[] { ScenarioColumns.Cities, ScenarioColumns.Products, ScenarioColumns.Bases, ScenarioColumns.Buyers, ScenarioColumns.VehicleTypes, ScenarioColumns.Lanes, ScenarioColumns.Hubs, ScenarioColumns.Lots, ScenarioColumns.Lines })
        {
            var rows = directory.Read(schema.FileName);
            rows[0] = rows[0].Select(name => schema[name].NameZh).ToList();
            directory.Write(schema.FileName, rows);
        }

        directory.SetCell(ScenarioFileNames.Lots, 2, "等级", "特级");
        directory.SetCell(ScenarioFileNames.Lines, 2, "最低等级", "二级");
        directory.SetCell(ScenarioFileNames.Bases, 2, "省份", "贵州省");
        directory.SetCell(ScenarioFileNames.Bases, 2, "认证", "绿色食品;有机");
        directory.SetCell(ScenarioFileNames.Products, 2, "储存类别", "常温");
        directory.SetCell(ScenarioFileNames.Lines, 2, "允许部分满足", "否");
        directory.SetCell(ScenarioFileNames.Hubs, 2, "类型", "产地集配中心");
        directory.SetCell(ScenarioFileNames.Hubs, 2, "省份或城市", "云南省");

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var problem = loaded.Value!;
        Assert.Equal(Grade.Premium, problem.Lots[0].Grade);
        Assert.Equal(Grade.Second, problem.Lines[0].MinGrade);
        Assert.False(problem.Lines[0].PartialAllowed);
        Assert.Equal(Province.Guizhou, problem.Reference.Bases[0].Province);
        Assert.True(problem.Reference.Bases[0].Certifications.SetEquals(["green_food", "organic"]));
        Assert.Equal(StorageClass.Ambient, problem.Reference.Products[0].Storage);
        Assert.Equal((HubKind.OriginHub, "yunnan"), (problem.Reference.Hubs[0].Kind, problem.Reference.Hubs[0].Region));
        Assert.Equal(directory.Problem.Lines.Count, problem.Lines.Count);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_optional_columns_may_be_left_out()
    {
        using var directory = ScenarioDirectory.Create();
        var rows = directory.Read(ScenarioFileNames.Lines);
        var order = rows[0].Select((name, i) => (name, i)).Where(c => c.name is not ("priority" or "partial_allowed")).Reverse().ToList();
        directory.Write(ScenarioFileNames.Lines, rows.Select(r => order.Select(c => r[c.i])));

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.All(loaded.Value!.Lines, l => Assert.Equal((true, 3), (l.PartialAllowed, l.Priority)));
        Assert.Equal(directory.Problem.Lines.Select(l => (l.Id, l.QuantityKg)), loaded.Value.Lines.Select(l => (l.Id, l.QuantityKg)));
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_accepted()
    {
        using var directory = ScenarioDirectory.Create();
        var path = directory.FilePath(ScenarioFileNames.Lots);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);

        Assert.True(ScenarioFiles.LoadDirectory(directory.Path).Ok);
    }

    [Fact]
    public void Lots_and_lines_files_with_only_a_header_give_an_empty_round()
    {
        using var directory = ScenarioDirectory.Create();
        File.WriteAllText(directory.FilePath(ScenarioFileNames.Lots), string.Join(",", ScenarioColumns.Lots.Columns.Select(c => c.Name)) + "\n");
        File.WriteAllText(directory.FilePath(ScenarioFileNames.Lines), string.Join(",", ScenarioColumns.Lines.Columns.Select(c => c.Name)) + "\n");

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok);
        Assert.Empty(loaded.Value!.Lots);
        Assert.Empty(loaded.Value.Lines);
    }

    [Fact]
    public void A_reference_file_with_only_a_header_is_an_error()
    {
        using var directory = ScenarioDirectory.Create();
        File.WriteAllText(directory.FilePath(ScenarioFileNames.Products), string.Join(",", ScenarioColumns.Products.Columns.Select(c => c.Name)) + "\n");

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        var error = Assert.Single(loaded.Errors);
        Assert.Equal((ScenarioFileNames.Products, 0), (error.File, error.Row));
        Assert.Null(loaded.Value);
    }

    [Fact]
    public void Without_a_lanes_file_there_are_no_lanes()
    {
        using var directory = ScenarioDirectory.Create();
        File.Delete(directory.FilePath(ScenarioFileNames.Lanes));

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok);
        Assert.Empty(loaded.Value!.Reference.Lanes);
    }

    [Fact]
    public void Without_a_hubs_file_there_are_no_hubs()
    {
        using var directory = ScenarioDirectory.Create();
        Assert.NotEmpty(directory.Problem.Reference.Hubs);
        File.Delete(directory.FilePath(ScenarioFileNames.Hubs));

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Empty(loaded.Value!.Reference.Hubs);
    }

    [Fact]
    public void A_scenarios_own_hubs_file_wins_over_the_reference_directorys()
    {
        using var directory = ScenarioDirectory.Create();
        var scenarioDir = Path.Combine(directory.Path, "round-1");
        Directory.CreateDirectory(scenarioDir);
        File.Move(directory.FilePath(ScenarioFileNames.Lots), Path.Combine(scenarioDir, ScenarioFileNames.Lots));
        File.Move(directory.FilePath(ScenarioFileNames.Lines), Path.Combine(scenarioDir, ScenarioFileNames.Lines));
        File.WriteAllText(Path.Combine(scenarioDir, ScenarioFileNames.ScenarioJson), """{ "reference": ".." }""");
        var rows = directory.Read(ScenarioFileNames.Hubs);
        File.WriteAllText(Path.Combine(scenarioDir, ScenarioFileNames.Hubs), string.Join("\n", rows.Take(2).Select(r => string.Join(",", r.Select(CsvWriter.Escape)))) + "\n");

        var own = ScenarioFiles.LoadDirectory(scenarioDir);

        Assert.True(own.Ok, string.Join("\n", own.Errors));
        Assert.Equal([directory.Problem.Reference.Hubs[0]], own.Value!.Reference.Hubs);
        Assert.Equal(directory.Problem.Reference.Hubs, ScenarioFiles.LoadReference(directory.Path).Value!.Hubs);
    }

    [Fact]
    public void A_missing_lots_file_is_named()
    {
        using var directory = ScenarioDirectory.Create();
        File.Delete(directory.FilePath(ScenarioFileNames.Lots));

        var error = Assert.Single(ScenarioFiles.LoadDirectory(directory.Path).Errors);

        Assert.Equal((ScenarioFileNames.Lots, 0), (error.File, error.Row));
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_several_files_are_all_reported_in_one_load()
    {
        using var directory = ScenarioDirectory.Create();
        directory.SetCell(ScenarioFileNames.Products, 2, "crate_kg", "heavy");
        directory.SetCell(ScenarioFileNames.Lots, 3, "quantity_kg", "-1");
        directory.SetCell(ScenarioFileNames.Lots, 7, "price_cny_per_kg", "free");
        directory.SetCell(ScenarioFileNames.Lines, 9, "earliest", "tomorrow");

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(loaded.Value);
        Assert.Equal(
            [(ScenarioFileNames.Products, 2, "crate_kg"), (ScenarioFileNames.Lots, 3, "quantity_kg"), (ScenarioFileNames.Lots, 7, "price_cny_per_kg"), (ScenarioFileNames.Lines, 9, "earliest")],
            loaded.Errors.Select(e => (e.File, e.Row, e.Column!)));
    }

    [Fact]
    public void Rows_naming_a_base_whose_own_row_is_bad_are_not_reported_twice()
    {
        using var directory = ScenarioDirectory.Create();
        var baseId = directory.Problem.Lots[0].BaseId;
        var row = directory.Problem.Reference.Bases.ToList().FindIndex(b => b.Id == baseId) + 2;
        directory.SetCell(ScenarioFileNames.Bases, row, "lat", "99");

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        var error = Assert.Single(loaded.Errors);
        Assert.Equal((ScenarioFileNames.Bases, row, "lat"), (error.File, error.Row, error.Column));
    }

    [Fact]
    public void A_scenario_json_can_point_to_reference_files_in_another_directory()
    {
        using var directory = ScenarioDirectory.Create();
        var referenceDir = Path.Combine(directory.Path, "reference");
        var scenarioDir = Path.Combine(directory.Path, "round-1");
        Directory.CreateDirectory(referenceDir);
        Directory.CreateDirectory(scenarioDir);
        foreach (var file in new[] { ScenarioFileNames.Cities, ScenarioFileNames.Products, ScenarioFileNames.Bases, ScenarioFileNames.Buyers, ScenarioFileNames.VehicleTypes, ScenarioFileNames.Lanes, ScenarioFileNames.Hubs })
        {
            File.Move(directory.FilePath(file), Path.Combine(referenceDir, file));
        }

        File.Move(directory.FilePath(ScenarioFileNames.Lots), Path.Combine(scenarioDir, ScenarioFileNames.Lots));
        File.Move(directory.FilePath(ScenarioFileNames.Lines), Path.Combine(scenarioDir, ScenarioFileNames.Lines));
        File.WriteAllText(Path.Combine(scenarioDir, ScenarioFileNames.ScenarioJson), """{ "reference": "../reference", "settings": { "solver": "flow", "roadFactor": 1.25 } }""");

        var loaded = ScenarioFiles.LoadDirectory(scenarioDir);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        ProblemAssert.Equal(directory.Problem with { Settings = new MatchingSettings { Solver = SolverChoice.Flow, RoadFactor = 1.25 } }, loaded.Value!);
        Assert.True(ScenarioFiles.LoadReference(scenarioDir).Ok);
    }

    [Fact]
    public void Errors_in_pointed_to_reference_files_name_the_path_from_the_scenario()
    {
        using var directory = ScenarioDirectory.Create();
        var scenarioDir = Path.Combine(directory.Path, "round-1");
        Directory.CreateDirectory(scenarioDir);
        File.Move(directory.FilePath(ScenarioFileNames.Lots), Path.Combine(scenarioDir, ScenarioFileNames.Lots));
        File.Move(directory.FilePath(ScenarioFileNames.Lines), Path.Combine(scenarioDir, ScenarioFileNames.Lines));
        File.WriteAllText(Path.Combine(scenarioDir, ScenarioFileNames.ScenarioJson), """{ "reference": ".." }""");
        directory.SetCell(ScenarioFileNames.Bases, 3, "poverty_county", "maybe");

        var error = Assert.Single(ScenarioFiles.LoadDirectory(scenarioDir).Errors);

        Assert.Equal(("../bases.csv", 3, "poverty_county"), (error.File, error.Row, error.Column));
    }

    [Theory]
    [InlineData("""{ "settings": { "solver": "simplex" } }""", "settings.solver")]
    [InlineData("""{ "settings": { "roadFactr": 1.2 } }""", "settings.roadFactr")]
    [InlineData("""{ "settings": { "loadFactor": 1.5 } }""", "settings.loadFactor")]
    [InlineData("""{ "settings": { "policy": { "minPurchaseCnyByProvince": { "hunan": 5 } } } }""", "settings.policy.minPurchaseCnyByProvince.hunan")]
    [InlineData("""{ "reference": "../nowhere" }""", "reference")]
    [InlineData("""{ "referense": "../reference" }""", "referense")]
    [InlineData("""{ "settings": { "solver": "lp" """, null)]
    public void A_bad_scenario_json_is_reported_on_scenario_json_and_nothing_is_loaded(string json, string? column)
    {
        using var directory = ScenarioDirectory.Create();
        File.WriteAllText(directory.FilePath(ScenarioFileNames.ScenarioJson), json, new UTF8Encoding(false));

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(loaded.Value);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal((ScenarioFileNames.ScenarioJson, column), (error.File, error.Column));
    }

    [Fact]
    public void A_scenario_json_saved_with_a_byte_order_mark_comments_and_a_trailing_comma_is_read()
    {
        using var directory = ScenarioDirectory.Create();
        var json = "// round 12\r\n{ \"settings\": { \"solver\": \"lp\", /* ten fen */ \"povertyBonusCnyPerKg\": 0.10, }, }\r\n";
        File.WriteAllBytes(directory.FilePath(ScenarioFileNames.ScenarioJson), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]);

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Equal(SolverChoice.Lp, loaded.Value!.Settings.Solver);
    }

    [Theory]
    [InlineData("""{ "settings": { "workers": 1.5 } }""", "settings.workers", "must be a whole number")]
    [InlineData("""{ "settings": { "computeDuals": "yes" } }""", "settings.computeDuals", "must be true or false")]
    [InlineData("""{ "settings": { "roadFactor": [1.2] } }""", "settings.roadFactor", "must be a number")]
    [InlineData("""{ "settings": { "policy": { "minPovertySharePercent": "sixty" } } }""", "settings.policy.minPovertySharePercent", "must be a number")]
    [InlineData("""{ "settings": { "policy": { "minPurchaseCnyByProvince": { "yunnan": 1e25 } } } }""", "settings.policy.minPurchaseCnyByProvince.yunnan", "is not an amount in CNY from 0 to 100,000,000,000")]
    [InlineData("""{ "settings": { "policy": { "minPovertySharePercent": 90, "povertySharePenaltyCnyPerKg": 1e20 } } }""", "settings.policy.povertySharePenaltyCnyPerKg", "is not a penalty in CNY/kg from 0 to 1000")]
    [InlineData("""{ "settings": { "policy": { "minPovertySharePercent": 90, "provincePenaltyPerCny": 250 } } }""", "settings.policy.provincePenaltyPerCny", "250 is not a penalty per CNY of shortfall from 0 to 100")]
    [InlineData("""{ "settings": [] }""", "settings", "must be an object of settings")]
    [InlineData("""{ "reference": "../reference", "reference": "../reference-2026" }""", null, "property \"reference\" is given more than once")]
    [InlineData("""{ "settings": { "workers": 1, "workers": 2 } }""", null, "property \"workers\" is given more than once")]
    [InlineData("{\n  \"settings\": { \"workers\": 1 \n", null, "is not valid JSON at line 3, byte 1: ")]
    public void A_mistake_in_scenario_json_is_named_in_the_words_of_the_file(string json, string? column, string message)
    {
        using var directory = ScenarioDirectory.Create();
        File.WriteAllText(directory.FilePath(ScenarioFileNames.ScenarioJson), json, new UTF8Encoding(false));

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(loaded.Value);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal((ScenarioFileNames.ScenarioJson, column), (error.File, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_json_that_is_not_utf8_is_an_error_naming_the_byte()
    {
        using var directory = ScenarioDirectory.Create();
        // "reference": "../参考" saved in GBK (0xB2 0xCE 0xBF 0xBC)
        File.WriteAllBytes(directory.FilePath(ScenarioFileNames.ScenarioJson), [.. "{ \"reference\": \"../"u8, 0xB2, 0xCE, 0xBF, 0xBC, .. "\" }"u8]);

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(loaded.Value);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal((ScenarioFileNames.ScenarioJson, "not_utf8_at_offset"), (error.File, error.Code));
        Assert.Contains("byte 0xB2 at offset 19 is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_json_saved_as_utf16_is_named_as_utf16()
    {
        using var directory = ScenarioDirectory.Create();
        File.WriteAllText(directory.FilePath(ScenarioFileNames.ScenarioJson), "{ \"reference\": \"../参考\" }", Encoding.Unicode);

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(loaded.Value);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal((ScenarioFileNames.ScenarioJson, "utf16"), (error.File, error.Code));
        Assert.StartsWith("the file is UTF-16 LE text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_outside_the_planning_calendar_are_refused_with_their_row_and_column()
    {
        using var directory = ScenarioDirectory.Create();
        directory.SetCell(ScenarioFileNames.Lots, 2, "available_to", "9999-12-31");
        directory.SetCell(ScenarioFileNames.Lots, 3, "harvest_date", "1999-12-31");
        directory.SetCell(ScenarioFileNames.Lines, 4, "latest", "2100-01-01");

        var loaded = ScenarioFiles.LoadDirectory(directory.Path);

        Assert.Null(loaded.Value);
        Assert.Equal(
            [(ScenarioFileNames.Lots, 2, "available_to"), (ScenarioFileNames.Lots, 3, "harvest_date"), (ScenarioFileNames.Lines, 4, "latest")],
            loaded.Errors.Select(e => (e.File, e.Row, e.Column!)));
        Assert.All(loaded.Errors, e => Assert.Equal(("out_of_range", "must be between 2000-01-01 and 2099-12-31."), (e.Code, e.Message)));
    }

    [Fact]
    public void Policy_targets_without_province_amounts_read_as_none()
    {
        using var directory = ScenarioDirectory.Create();
        File.WriteAllText(directory.FilePath(ScenarioFileNames.ScenarioJson), """{ "settings": { "policy": { "minPovertySharePercent": 60 } } }""");

        var policy = ScenarioFiles.LoadDirectory(directory.Path).Value!.Settings.Policy!;

        Assert.Empty(policy.MinPurchaseCnyByProvince);
        Assert.True(policy.Any);
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_an_error()
    {
        var loaded = ScenarioFiles.LoadDirectory(Path.Combine(Path.GetTempPath(), "supplymatch-tests", "missing-" + Guid.NewGuid()));

        Assert.Null(loaded.Value);
        Assert.Single(loaded.Errors);
    }
}
