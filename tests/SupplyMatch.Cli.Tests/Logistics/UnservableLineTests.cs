namespace SupplyMatch.Cli.Tests.Logistics;

/// <summary><c>match --logistics</c> on a hand-made scenario whose all-or-nothing line no plan can serve.</summary>
public sealed class UnservableLineTests
{
    [Fact]
    public void Table_names_the_line_and_says_its_compatible_lots_hold_too_little_for_it_whole()
    {
        using var temp = new TempDirectory();
        var scenario = temp.File("aon");
        Directory.CreateDirectory(scenario);
        var reference = RepositoryData.Path("reference").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(scenario, "scenario.json"), $$"""{ "reference": "{{reference}}" }""");
        File.WriteAllText(Path.Combine(scenario, "lots.csv"), """
            id,base_id,product_code,grade,harvest_date,available_from,available_to,quantity_kg,firm_kg,price_cny_per_kg,min_order_kg
            L1,B-YN-TONGHAI,P-POTATO,first,2026-12-07,2026-12-07,2026-12-08,5000,,1.50,
            """);
        File.WriteAllText(Path.Combine(scenario, "lines.csv"), """
            id,buyer_id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority
            D-WHOLE,GZ-JIANGNAN,P-POTATO,first,6000,2026-12-08,2026-12-12,9.00,10,false,1
            """);

        var run = Cli.Run("match", scenario, "--logistics", "--time-limit", "20");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("      D-WHOLE: All-or-nothing line of 6,000 kg, but its compatible lots hold 5,000 kg in all, so it cannot be served whole.", run.Out, StringComparison.Ordinal);
        Assert.Contains("      D-WHOLE：整单满足的需求为 6,000 公斤，但可用批次合计只有 5,000 公斤，无法整单满足。", run.Out, StringComparison.Ordinal);
    }
}
