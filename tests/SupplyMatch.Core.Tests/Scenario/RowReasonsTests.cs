using System.Text;
using System.Text.RegularExpressions;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>The catalogue of row problems: stable codes, each with its reason in English and Chinese filled from the same specifics.</summary>
public sealed partial class RowReasonsTests
{
    private static readonly MatchingProblem Problem = ScenarioGenerator.Generate(new GeneratorOptions(20, 20, 5, 3, 11) { Bases = 6, Buyers = 12 });
    private static readonly ReferenceData Reference = Problem.Reference;
    private static readonly string Buyer = Reference.Buyers[0].Id;
    private static readonly string Product = Reference.Products[0].Code;

    private const string LinesHeader = "id,buyer_id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority\n";

    [Fact]
    public void Every_code_is_unique_snake_case_and_has_an_english_and_a_chinese_reason()
    {
        var all = RowReasons.All;
        Assert.True(all.Count >= 50, $"only {all.Count} kinds found");
        Assert.Equal(all.Count, all.Select(k => k.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, k =>
        {
            Assert.Matches(SnakeCase(), k.Code);
            Assert.False(string.IsNullOrWhiteSpace(k.English), k.Code);
            Assert.False(string.IsNullOrWhiteSpace(k.Chinese), k.Code);
            Assert.True(k.Chinese.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{k.Code}: no Chinese in \"{k.Chinese}\"");
            Assert.NotEqual(k.English, k.Chinese);
        });
    }

    [Fact]
    public void The_english_and_chinese_reasons_of_each_code_have_the_same_placeholders()
    {
        Assert.All(RowReasons.All, k => Assert.Equal(
            ReasonKind.Placeholders(k.English).Order(StringComparer.Ordinal), ReasonKind.Placeholders(k.Chinese).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_filled_reason_carries_the_same_specifics_in_both_languages_and_a_missing_specific_is_an_error()
    {
        var unknown = RowReasons.UnknownProduct.With(("id", "P-NOPE"), ("file", "products.csv"));
        Assert.Equal(new RowReason("unknown_product", "unknown product code \"P-NOPE\": it is not in products.csv", "未知的产品代码“P-NOPE”：products.csv 中没有该产品"),
            unknown);
        var held = RowReasons.HeldByRound.With(("line", "DL-1"), ("id", "PO-7"), ("source", new Bilingual("this feed", "本数据源")));
        Assert.Equal("demand line DL-1 (id \"PO-7\" in this feed) is held by a matching round whose cutoff has passed; it can no longer be changed", held.English);
        Assert.Equal("需求 DL-1（本数据源中的编号“PO-7”）已被截止时间已过的匹配轮次锁定，不能再修改", held.Chinese);
        Assert.Equal("必须在 0.01 至 1000 之间。", RowReasons.OutOfRange.With(("min", 0.01m), ("max", 1000m)).Chinese);
        Assert.Throws<ArgumentException>(() => RowReasons.UnknownProduct.With(("id", "P-NOPE")));
    }

    [Fact]
    public void Every_problem_of_a_bad_lines_file_has_a_code_of_the_catalogue_and_its_chinese_reason_names_the_rows_values()
    {
        var csv = LinesHeader
            + $"A,{Buyer},{Product},first,-5,2026-01-02,2026-01-03,6.80,50,true,2\n"
            + $"B,{Buyer},P-NOPE,first,100,2026-01-02,2026-01-03,6.80,50,true,2\n"
            + $"A,{Buyer},{Product},first,100,2026-01-05,2026-01-03,6.80,50,true,2\n"
            + $"D,{Buyer},{Product},first\n"
            + $"E,{Buyer},{Product},,100,2026-01-02,2026-01-03,6.80,50,true,2\n";
        var result = DemandLineCsv.Parse(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Reference, "lines.csv");

        var codes = RowReasons.All.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(result.Errors, e => Assert.True(e.Code is not null && codes.Contains(e.Code), e.ToString()));
        Assert.Equal(
            [
                (2, "quantity_kg", "quantity_not_positive", "“-5”不是正整数公斤数"),
                (3, "product_code", "unknown_product", "未知的产品代码“P-NOPE”：products.csv 中没有该产品"),
                (4, "latest", "latest_before_earliest", "最晚交货 2026-01-03 早于最早交货 2026-01-05；交货时间窗在开始之前就结束了"),
                (4, "id", "duplicate_id", "需求编号“A”重复：第 2 行已使用该编号"),
                (5, null, "row_width_mismatch", "该行有 4 个值，但表头有 11 列；含逗号的值请加引号"),
                (6, "min_grade", "value_missing", "为空；应填写等级（premium (特级), first (一级), second (二级)）"),
            ],
            result.Errors.Select(e => (e.Row, e.Column, e.Code, e.MessageZh)).ToList());
        Assert.Equal("\"-5\" is not a positive whole number of kg", result.Errors[0].Message);
    }

    [Fact]
    public void A_file_that_cannot_be_read_reports_a_code_and_a_chinese_reason_too()
    {
        var header = DemandLineCsv.Parse(new MemoryStream("id;product_code;quantity_kg\n"u8.ToArray()), Reference, "lines.csv").FileErrors.Single();
        Assert.Equal(("wrong_separator", "表头只有一列，以“;”分隔；请用逗号分隔各列（在 Excel 中另存为“CSV UTF-8（逗号分隔）”）"), (header.Code, header.MessageZh));
        var json = FeedFile.ParseLines("[1]"u8, FeedFormat.Json, ReferenceIndex.Create(Reference), "feed.json", Buyer).Rejected.Single().Errors.Single();
        Assert.Equal(("not_an_object", "element 1 is a JSON number, not an object", "第 1 个元素是 JSON 数字，不是对象"), (json.Code, json.Message, json.MessageZh));
    }

    [Fact]
    public void Data_readme_lists_every_code_with_its_english_and_chinese_reason()
    {
        var readme = File.ReadAllLines(Path.Combine(ReferenceHubsTests.RepositoryDirectory("data"), "README.md"), Encoding.UTF8);
        var table = readme.SkipWhile(l => l != "## Row problems").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.Equal(RowReasons.All.Select(k => $"| `{k.Code}` | {k.English} | {k.Chinese} |"), table);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
