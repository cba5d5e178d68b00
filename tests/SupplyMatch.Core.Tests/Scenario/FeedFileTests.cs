using System.Text;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>Feed files: JSON arrays read through the same rows, rules and messages as CSV.</summary>
public sealed class FeedFileTests
{
    private static readonly MatchingProblem Problem = ScenarioGenerator.Generate(new GeneratorOptions(30, 40, 5, 3, 17) { Bases = 6, Buyers = 8 });
    private static readonly ReferenceIndex Index = ReferenceIndex.Create(Problem.Reference);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData(FeedFormat.Json, false)]
    [InlineData(FeedFormat.Csv, false)]
    [InlineData(FeedFormat.Csv, true)]
    public void A_buyers_lines_written_as_a_feed_file_read_back_to_the_same_lines(FeedFormat format, bool chinese)
    {
        var buyer = Problem.Lines[0].BuyerId;
        var lines = Problem.Lines.Where(l => l.BuyerId == buyer).ToList();
        var result = FeedFile.ParseLines(FeedFileWriter.Lines(lines, format, chinese), format, Index, "lines", buyer);
        Assert.Equal(lines, result.Values);
        Assert.Empty(result.Errors);
        var lots = Problem.Lots.Where(l => l.BaseId == Problem.Lots[0].BaseId).ToList();
        Assert.Equal(lots, FeedFile.ParseLots(FeedFileWriter.Lots(lots, format, chinese), format, Index, "lots", lots[0].BaseId).Values);
    }

    [Fact]
    public void A_bad_json_value_is_rejected_with_the_same_column_and_message_as_the_same_csv_cell()
    {
        var line = Problem.Lines[0];
        var bad = new[] { line with { Id = "J-1", QuantityKg = -5 }, line with { Id = "J-2", ProductCode = "P-DURIAN" }, line with { Id = "J-3" } };
        var csv = FeedFile.ParseLines(FeedFileWriter.Lines(bad, FeedFormat.Csv), FeedFormat.Csv, Index, "f", line.BuyerId);
        var json = FeedFile.ParseLines(FeedFileWriter.Lines(bad, FeedFormat.Json), FeedFormat.Json, Index, "f", line.BuyerId);
        Assert.Equal(csv.Rejected.Select(r => (r.Row - 1, r.Id, r.Errors.Single().Column, r.Errors.Single().Message)),
            json.Rejected.Select(r => (r.Row, r.Id, r.Errors.Single().Column, r.Errors.Single().Message)));
        Assert.Equal([(1, "quantity_kg"), (2, "product_code")], json.Rejected.Select(r => (r.Row, r.Errors[0].Column)));
        Assert.Equal([(3, "J-3")], json.Accepted.Select(r => (r.Row, r.Value.Id)));
    }

    [Fact]
    public void Json_fields_may_be_camel_case_snake_case_or_chinese_and_the_owner_may_be_left_out_but_not_be_another()
    {
        var line = Problem.Lines[0];
        var other = Problem.Reference.Buyers.First(b => b.Id != line.BuyerId).Id;
        var text = $$$"""
            [{"id":"A","productCode":"{{{line.ProductCode}}}","minGrade":"first","quantityKg":500,"earliest":"2026-12-08","latest":"2026-12-09","maxLandedCnyPerKg":6.5,"minFreshnessPct":50,"partialAllowed":false},
             {"需求编号":"B","产品代码":"{{{line.ProductCode}}}","最低等级":"二级","数量公斤":"600","最早交货":"2026-12-08","最晚交货":"2026-12-08","最高到岸价":"7.10","最低新鲜度":40,"优先级":null},
             {"id":"C","buyer_id":"{{{other}}}","product_code":"{{{line.ProductCode}}}","min_grade":"first","quantity_kg":700,"earliest":"2026-12-08","latest":"2026-12-08","max_landed_cny_per_kg":6.5,"min_freshness_pct":50},
             {"id":"D","quantity_kg":{"kg":5}},
             42]
            """;
        var result = FeedFile.ParseLines(Utf8(text), FeedFormat.Json, Index, "f", line.BuyerId);
        Assert.Equal([("A", 500, false, 3), ("B", 600, true, 3)], result.Values.Select(l => (l.Id, l.QuantityKg, l.PartialAllowed, l.Priority)));
        Assert.Equal((Grade.Second, 7.10m, line.BuyerId), (result.Values[1].MinGrade, result.Values[1].MaxLandedCnyPerKg, result.Values[1].BuyerId));
        Assert.Equal([3, 4, 5], result.Rejected.Select(r => r.Row));
        Assert.Contains($"is not the buyer this file is submitted for (\"{line.BuyerId}\")", result.Rejected[0].Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains(result.Rejected[1].Errors, e => e.Column == "quantity_kg" && e.Message.StartsWith("\"{\"kg\":5}\" is not", StringComparison.Ordinal));
        Assert.Contains(result.Rejected[1].Errors, e => e.Column == "product_code" && e.Message.StartsWith("is empty", StringComparison.Ordinal));
        Assert.Equal("element 5 is a JSON number, not an object", result.Rejected[2].Errors.Single().Message);
    }

    [Theory]
    [InlineData("{\"id\":\"A\"}", "must be a JSON array of objects ([{...}, {...}]); it is a JSON object")]
    [InlineData("[{\"id\":\"A\",", "is not valid JSON (line 1")]
    [InlineData("[{\"id\":\"A\",\"qty\":5}]", "unknown column \"qty\"")]
    public void A_json_file_that_cannot_be_read_yields_a_file_error_and_no_rows(string text, string message)
    {
        var result = FeedFile.ParseLines(Utf8(text), FeedFormat.Json, Index, "f.json", Problem.Lines[0].BuyerId);
        Assert.False(result.Readable);
        Assert.Empty(result.Accepted);
        Assert.Contains(message, Assert.Single(result.FileErrors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(";", "';'")]
    [InlineData("\t", "tabs")]
    public void A_csv_separated_by_semicolons_or_tabs_gets_one_error_that_says_so(string separator, string named)
    {
        var header = "id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct".Replace(",", separator, StringComparison.Ordinal);
        var row = "A,P-X,first,500,2026-12-08,2026-12-09,6.50,50".Replace(",", separator, StringComparison.Ordinal);

        var result = FeedFile.ParseLines(Utf8(header + "\r\n" + row + "\r\n"), FeedFormat.Csv, Index, "f.csv", Problem.Lines[0].BuyerId);

        Assert.False(result.Readable);
        var error = Assert.Single(result.FileErrors);
        Assert.Equal(1, error.Row);
        Assert.StartsWith($"the header row is one column separated by {named}; separate the columns with commas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_is_not_utf8_names_the_bad_byte_and_an_empty_array_is_a_file_without_rows()
    {
        byte[] latin = [.. "[{\"id\":\""u8, 0xB2, 0xCB, .. "\"}]"u8];
        var error = Assert.Single(FeedFile.ParseLines(latin, FeedFormat.Json, Index, "f", Problem.Lines[0].BuyerId).FileErrors);
        Assert.Equal("byte 0xB2 at offset 8 is not valid UTF-8; save the file as UTF-8 (GBK/GB2312 or Excel's ANSI encoding is not accepted)", error.Message);
        var empty = FeedFile.ParseLines("[]"u8, FeedFormat.Json, Index, "f", Problem.Lines[0].BuyerId);
        Assert.True(empty.Readable && empty.Accepted.Count == 0 && empty.Rejected.Count == 0);
    }
}
