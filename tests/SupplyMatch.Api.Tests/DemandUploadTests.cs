using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>POST /api/v1/demand-lines/upload: a lines file judged row by row, good rows stored, bad rows reported.</summary>
[Collection(ApiCollection.Name)]
public sealed class DemandUploadTests(ApiFixture api)
{
    private static string Day(int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Good_rows_of_a_csv_become_the_buyers_lines_and_the_bad_row_is_reported_with_row_column_and_reason()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var csv = "id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority\n"
            + $"R1,{world.ProductCodes[0]},first,1200,{Day(2)},{Day(4)},6.80,50,true,2\n"
            + $"R2,P-UNKNOWN,first,1300,{Day(2)},{Day(4)},6.80,50,,\n"
            + $"R3,{world.ProductCodes[1]},second,1400,{Day(2)},{Day(5)},3.10,40,false,\n";
        var report = await (await buyer.PostAsync("/api/v1/demand-lines/upload?fileName=week.csv", Csv(csv))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("week.csv", 3, 2, 1), (report.GetProperty("fileName").GetString(), report.GetProperty("rowsRead").GetInt32(),
            report.GetProperty("acceptedCount").GetInt32(), report.GetProperty("rejectedCount").GetInt32()));
        var rejected = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal((3, "R2", "product_code"), (rejected.GetProperty("row").GetInt32(), rejected.GetProperty("id").GetString(), rejected.GetProperty("column").GetString()));
        Assert.Contains("P-UNKNOWN", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var accepted = report.GetProperty("accepted").EnumerateArray().ToList();
        Assert.Equal([(2, "R1"), (4, "R3")], accepted.Select(a => (a.GetProperty("row").GetInt32(), a.GetProperty("id").GetString())));
        var third = await (await buyer.GetAsync($"/api/v1/demand-lines/{accepted[1].GetProperty("lineId").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((world.BuyerIds[0], 1400, "second", false, 3), (third.GetProperty("buyerId").GetString(), third.GetProperty("quantityKg").GetInt32(),
            third.GetProperty("minGrade").GetString(), third.GetProperty("partialAllowed").GetBoolean(), third.GetProperty("priority").GetInt32()));
        var listed = await (await buyer.GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_multipart_upload_with_chinese_headers_is_read_and_the_service_rules_apply_to_each_row()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var csv = "需求编号,采购商编号,产品代码,最低等级,数量公斤,最早交货,最晚交货,最高到岸价,最低新鲜度\n"
            + $"A,,{world.ProductCodes[0]},特级,900,{Day(1)},{Day(3)},7.00,60\n"
            + $"B,{world.BuyerIds[1]},{world.ProductCodes[0]},first,900,{Day(1)},{Day(3)},7.00,60\n"
            + $"C,,{world.ProductCodes[0]},first,900,{Day(-5)},{Day(-3)},7.00,60\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "采购需求.csv");
        var report = await (await buyer.PostAsync("/api/v1/demand-lines/upload", form)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("采购需求.csv", report.GetProperty("fileName").GetString());
        Assert.Equal(1, report.GetProperty("acceptedCount").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "buyer_id"), (4, "latest")], rejected);
        var other = await (await api.Host.Client(world.BuyerKeys[1]).GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, other.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_refused_whole_with_its_file_errors_and_nothing_is_stored()
    {
        var world = await api.NewWorldAsync();
        var buyer = api.Host.Client(world.BuyerKeys[0]);
        var problem = await (await buyer.PostAsync("/api/v1/demand-lines/upload", Csv($"id,product,kg\nX,{world.ProductCodes[0]},100\n")))
            .ExpectAsync(HttpStatusCode.BadRequest, "csv_unreadable");
        var errors = problem.GetProperty("fileErrors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 1 && e.GetProperty("column").GetString() == "product");
        Assert.Contains(errors, e => e.GetProperty("column").GetString() == "quantity_kg");
        var listed = await (await buyer.GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        await (await buyer.PostAsync("/api/v1/demand-lines/upload", new StringContent("{}", Encoding.UTF8, "application/json")))
            .ExpectAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Swagger_documents_the_upload_as_multipart_or_csv_with_its_errors()
    {
        var doc = await (await api.Anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        var upload = doc.GetProperty("paths").GetProperty("/api/v1/demand-lines/upload").GetProperty("post");
        var content = upload.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("multipart/form-data", out _) && content.TryGetProperty("text/csv", out _));
        Assert.Equal("DemandUploadReport", upload.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString()!.Split('.')[^1]);
        Assert.True(upload.GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/me", out _));
    }

    [Fact]
    public async Task A_planner_uploads_for_buyers_named_in_the_file_and_a_base_may_not_upload()
    {
        var world = await api.NewWorldAsync();
        var csv = "id,buyer_id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct\n"
            + $"P1,{world.BuyerIds[1]},{world.ProductCodes[1]},first,2500,{Day(2)},{Day(4)},4.00,30\n"
            + $"P2,,{world.ProductCodes[1]},first,2500,{Day(2)},{Day(4)},4.00,30\n";
        var report = await (await api.Planner.PostAsync("/api/v1/demand-lines/upload", Csv(csv))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("acceptedCount").GetInt32());
        var rejected = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal((3, "buyer_id"), (rejected.GetProperty("row").GetInt32(), rejected.GetProperty("column").GetString()));
        var theirs = await (await api.Host.Client(world.BuyerKeys[1]).GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2500, Assert.Single(theirs.GetProperty("items").EnumerateArray()).GetProperty("quantityKg").GetInt32());

        await (await api.Host.Client(world.BaseKeys[0]).PostAsync("/api/v1/demand-lines/upload", Csv(csv))).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Me_tells_each_key_its_role_and_owner_with_the_owners_names()
    {
        var world = await api.NewWorldAsync();
        var buyer = await (await api.Host.Client(world.BuyerKeys[0]).GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((Roles.Buyer, world.BuyerIds[0], "Market " + world.BuyerIds[0], "市场" + world.BuyerIds[0]),
            (buyer.GetProperty("role").GetString(), buyer.GetProperty("ownerId").GetString(), buyer.GetProperty("ownerNameEn").GetString(), buyer.GetProperty("ownerNameZh").GetString()));
        var farm = await (await api.Host.Client(world.BaseKeys[1]).GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((Roles.Base, world.BaseIds[1], "Base " + world.BaseIds[1]),
            (farm.GetProperty("role").GetString(), farm.GetProperty("ownerId").GetString(), farm.GetProperty("ownerNameEn").GetString()));
        var planner = await (await api.Planner.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((Roles.Planner, null), (planner.GetProperty("role").GetString(), planner.GetProperty("ownerId").GetString()));
        Assert.False(planner.TryGetProperty("key", out _));
        await (await api.Anonymous.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task The_dashboard_is_served_at_the_root_next_to_swagger_without_a_key()
    {
        var page = await api.Anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"app\">", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        var asset = await api.Anonymous.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }
}
