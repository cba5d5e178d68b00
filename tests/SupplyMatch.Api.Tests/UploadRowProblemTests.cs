using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary>The bad rows of an uploaded lines file: each problem with its stable code and its reason in English and in Chinese.</summary>
[Collection(ApiCollection.Name)]
public sealed class UploadRowProblemTests(ApiFixture api)
{
    private const string Header = "id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct\n";

    private static string Day(int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static List<(int Row, string? Column, string? Code, string Reason, string? ReasonZh)> Problems(JsonElement rows) => rows.EnumerateArray()
        .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString(), r.GetProperty("code").GetString(),
            r.GetProperty("reason").GetString()!, r.GetProperty("reasonZh").GetString()))
        .ToList();

    [Fact]
    public async Task Each_bad_row_reports_its_code_and_its_reason_in_english_and_chinese_with_the_rows_values_and_limits()
    {
        var world = await api.NewWorldAsync();
        var product = world.ProductCodes[0];
        var unknown = $"P-NOSUCH-{world.Suffix}";
        var csv = Header
            + $"Q-1,{product},first,-5,{Day(2)},{Day(4)},6.80,50\n"
            + $"Q-2,{unknown},first,100,{Day(2)},{Day(4)},6.80,50\n"
            + $"Q-3,{product},first,100,{Day(2)},{Day(4)},6.80,50\n"
            + $"Q-3,{product},first,200,{Day(2)},{Day(4)},6.80,50\n"
            + $"Q-5,{product},first,100,{Day(-5)},{Day(-3)},6.80,50\n"
            + $"Q-6,{product},first,100,{Day(2)},{Day(70)},6.80,50\n"
            + $"Q-7,{product},first,20000000,{Day(2)},{Day(4)},6.80,50\n";
        var report = await (await api.Host.Client(world.BuyerKeys[0]).PostAsync("/api/v1/demand-lines/upload", Csv(csv))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((1, 6), (report.GetProperty("acceptedCount").GetInt32(), report.GetProperty("rejectedCount").GetInt32()));
        Assert.Equal(
            [
                (2, "quantity_kg", "quantity_not_positive", "\"-5\" is not a positive whole number of kg", "“-5”不是正整数公斤数"),
                (3, "product_code", "unknown_product", $"unknown product code \"{unknown}\": it is not in products.csv", $"未知的产品代码“{unknown}”：products.csv 中没有该产品"),
                (5, "id", "duplicate_id", "duplicate id \"Q-3\": row 4 has it already", "需求编号“Q-3”重复：第 4 行已使用该编号"),
                (6, "latest", "latest_in_past", $"must not be before today ({Day(0)} CST).", $"不能早于今天（{Day(0)}，北京时间）。"),
                (7, "latest", "window_too_long", "must be at most 60 days after earliest.", "不能晚于最早交货日超过 60 天。"),
                (8, "quantity_kg", "out_of_range", "must be between 1 and 10000000.", "必须在 1 至 10000000 之间。"),
            ],
            Problems(report.GetProperty("rejected")));
    }

    [Fact]
    public async Task A_row_with_several_problems_reports_each_of_them_so_it_is_fixed_in_one_pass()
    {
        var world = await api.NewWorldAsync();
        var unknown = $"P-NOSUCH-{world.Suffix}";
        var csv = Header
            + $"R-1,{unknown},first,100,{Day(-5)},{Day(-3)},6.8x,50\n"
            + $"R-2,{world.ProductCodes[0]},first,abc,{Day(2)},{Day(70)},6.80,50\n"
            + $"R-3,{world.ProductCodes[0]},first,100,{Day(4)},{Day(2)},6.80,-1\n";
        var report = await (await api.Host.Client(world.BuyerKeys[0]).PostAsync("/api/v1/demand-lines/upload", Csv(csv))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((0, 3), (report.GetProperty("acceptedCount").GetInt32(), report.GetProperty("rejectedCount").GetInt32()));
        Assert.Equal(
            [
                (2, "max_landed_cny_per_kg", "price_invalid"), (2, "product_code", "unknown_product"), (2, "latest", "latest_in_past"),
                (3, "quantity_kg", "quantity_not_positive"), (3, "latest", "window_too_long"),
                (4, "min_freshness_pct", "percent_out_of_range"), (4, "latest", "latest_before_earliest"),
            ],
            Problems(report.GetProperty("rejected")).Select(p => (p.Row, p.Column, p.Code)));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_lists_its_file_errors_with_codes_and_chinese_reasons()
    {
        var world = await api.NewWorldAsync();
        var problem = await (await api.Host.Client(world.BuyerKeys[0]).PostAsync("/api/v1/demand-lines/upload", Csv($"id,product,kg\nX,{world.ProductCodes[0]},100\n")))
            .ExpectAsync(HttpStatusCode.BadRequest, "csv_unreadable");

        var errors = Problems(problem.GetProperty("fileErrors"));
        Assert.Contains((1, "product", "unknown_column",
            "unknown column \"product\"; the columns of lines.csv are id, buyer_id, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority",
            "未知列“product”；lines.csv 的列为 id, buyer_id, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority"),
            errors);
        Assert.Contains((1, "quantity_kg", "column_missing", "required column quantity_kg (数量公斤) is missing", "缺少必填列 quantity_kg（数量公斤）"), errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Code) || string.IsNullOrEmpty(e.ReasonZh), e.Reason));
    }

    [Theory]
    [InlineData("lines.xlsx")]
    [InlineData("lines.xls")]
    public async Task An_excel_workbook_is_refused_as_a_workbook_to_save_as_csv_and_nothing_is_stored(string name)
    {
        var world = await api.NewWorldAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Workbook(name)), "file", name } };
        var problem = await (await api.Host.Client(world.BuyerKeys[0]).PostAsync("/api/v1/demand-lines/upload", form)).ExpectAsync(HttpStatusCode.BadRequest, "csv_unreadable");

        Assert.Equal([(0, null, "excel_workbook", "the file is an Excel workbook (.xlsx or .xls), not a CSV file; in Excel: save as \"CSV UTF-8 (comma delimited)\"",
            "文件是 Excel 工作簿（.xlsx 或 .xls），不是 CSV 文件；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")], Problems(problem.GetProperty("fileErrors")));
        var lines = await (await api.Host.Client(world.BuyerKeys[0]).GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(lines.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_utf16_unicode_text_file_is_refused_as_utf16_to_save_as_csv_utf8_and_nothing_is_stored()
    {
        var world = await api.NewWorldAsync();
        var text = Header.Replace(',', '\t') + $"U-1\t{world.ProductCodes[0]}\tfirst\t100\t{Day(2)}\t{Day(4)}\t6.80\t50\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]), "file", "lines.txt" } };
        var problem = await (await api.Host.Client(world.BuyerKeys[0]).PostAsync("/api/v1/demand-lines/upload", form)).ExpectAsync(HttpStatusCode.BadRequest, "csv_unreadable");

        Assert.Equal([(0, null, "utf16", "the file is UTF-16 LE text (Excel's \"Unicode Text\"), not UTF-8; in Excel: save as \"CSV UTF-8 (comma delimited)\"",
            "文件是 UTF-16 LE 编码的文本（Excel 的“Unicode 文本”），不是 UTF-8；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")], Problems(problem.GetProperty("fileErrors")));
        var lines = await (await api.Host.Client(world.BuyerKeys[0]).GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(lines.GetProperty("items").EnumerateArray());
    }

    /// <summary>A workbook as Excel writes it: .xlsx a ZIP archive with an xl/ folder, .xls an OLE2 compound file.</summary>
    internal static byte[] Workbook(string name)
    {
        if (name.EndsWith(".xls", StringComparison.Ordinal))
        {
            return [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
        }

        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, xml) in new[] { ("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"), ("xl/worksheets/sheet1.xml", "<worksheet/>") })
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write(xml);
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task Swagger_describes_the_code_and_the_chinese_reason_of_each_bad_row()
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        var description = doc.GetProperty("paths").GetProperty("/api/v1/demand-lines/upload").GetProperty("post").GetProperty("description").GetString();
        Assert.Contains("code", description, StringComparison.Ordinal);
        Assert.Contains("reasonZh", description, StringComparison.Ordinal);
        var rowProblem = doc.GetProperty("components").GetProperty("schemas").EnumerateObject().Single(p => p.Name.Split('.')[^1] == "RowProblem").Value;
        Assert.All(["row", "id", "column", "reason", "code", "reasonZh"], p => Assert.True(rowProblem.GetProperty("properties").TryGetProperty(p, out _), p));
    }
}
