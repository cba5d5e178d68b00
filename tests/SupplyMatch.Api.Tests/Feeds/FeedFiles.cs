using System.Text;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>Feed files as buyer and base systems publish them, built from a world's ids.</summary>
public static class FeedFiles
{
    public const string LinesHeader = "id,buyer_id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority";

    public static string Day(int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd");

    /// <summary>A demand line row: the buyer column left empty (the feed's owner is meant) unless given.</summary>
    public static string Line(World w, string id, int kg = 1_000, string? buyer = null, string? product = null, int from = 2, int to = 4) =>
        LineBetween(w, id, kg, Day(from), Day(to), buyer, product);

    /// <summary>A demand line row delivered between two days as written (yyyy-MM-dd).</summary>
    public static string LineBetween(World w, string id, int kg, string earliest, string latest, string? buyer = null, string? product = null) =>
        $"{id},{buyer},{product ?? w.ProductCodes[0]},first,{kg},{earliest},{latest},6.80,50,true,2";

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(LinesHeader + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>Lines with Chinese headers and Chinese grade names, as exported by a Chinese ordering system.</summary>
    public static byte[] ChineseCsv(World w, params (string Id, int Kg)[] rows) => Encoding.UTF8.GetBytes(
        "需求编号,产品代码,最低等级,数量公斤,最早交货,最晚交货,最高到岸价,最低新鲜度,允许部分满足,优先级\n"
        + string.Concat(rows.Select(r => $"{r.Id},{w.ProductCodes[1]},一级,{r.Kg},{Day(3)},{Day(5)},3.50,60,true,1\n")));

    /// <summary>Lots as a JSON array with camelCase field names.</summary>
    public static byte[] LotsJson(World w, params (string Id, int Kg, decimal Price)[] lots) => Json([.. lots.Select(l => Lot(w, l.Id, l.Kg, l.Price))]);

    /// <summary>A lot as a JSON object, harvested on its first ship day; the ship window is days 1..3 from today unless given (yyyy-MM-dd).</summary>
    public static string Lot(World w, string id, int kg, decimal price = 3.20m, string? from = null, string? to = null) =>
        $$"""{"id":"{{id}}","productCode":"{{w.ProductCodes[0]}}","grade":"premium","harvestDate":"{{from ?? Day(1)}}","availableFrom":"{{from ?? Day(1)}}","availableTo":"{{to ?? Day(3)}}","quantityKg":{{kg}},"firmKg":null,"priceCnyPerKg":{{price}}}""";

    public static byte[] Json(params string[] objects) => Encoding.UTF8.GetBytes("[" + string.Join(",", objects) + "]");
}
