using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;

namespace SupplyMatch.Core.Tests.Logistics;

public sealed class HubFileTests
{
    [Fact]
    public void Reference_hubs_file_holds_four_origin_hubs_and_four_distribution_centres()
    {
        var loaded = HubFile.Read(RepositoryFile("data", "reference", HubFile.FileName));

        Assert.True(loaded.Ok, string.Join("; ", loaded.Errors.Select(e => e.Message)));
        var hubs = loaded.Value!;
        Assert.Equal(["OH-CD", "OH-GY", "OH-KM", "OH-NN"], hubs.Where(h => h.Kind == HubKind.OriginHub).Select(h => h.Id).Order());
        Assert.Equal(["DC-DG", "DC-GZ", "DC-SZ", "DC-ZH"], hubs.Where(h => h.Kind == HubKind.GbaDc).Select(h => h.Id).Order());
        Assert.All(hubs, h => Assert.InRange(h.Location.Lat, 21.5, 31.5));
        Assert.All(hubs, h => Assert.InRange(h.HandlingCnyPerKg, 0.01m, 1m));
    }

    [Fact]
    public void Chinese_headers_in_any_order_and_quoted_names_are_read()
    {
        const string text = "\uFEFF类型,编号,中文名,英文名,省份或城市,纬度,经度,每公斤操作费,操作小时\r\n"
            + "产地集配中心,OH-X,\"昆明,呈贡\",\"Kunming \"\"south\"\" hub\",云南,24.9,102.8,0.10,3\r\n";

        var loaded = HubFile.Parse(text);

        Assert.True(loaded.Ok, string.Join("; ", loaded.Errors.Select(e => e.Message)));
        var hub = Assert.Single(loaded.Value!);
        Assert.Equal(("OH-X", "昆明,呈贡", "Kunming \"south\" hub", HubKind.OriginHub, "yunnan"), (hub.Id, hub.NameZh, hub.NameEn, hub.Kind, hub.Region));
    }

    [Theory]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg,handling_hours,colour\n", 1, "colour")]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg\n", 1, "handling_hours")]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg,handling_hours\nH1,a,b,depot,GZ,23,113,0.1,2\n", 2, "kind")]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg,handling_hours\nH1,a,b,origin_hub,hunan,23,113,0.1,2\n", 2, "province_or_city")]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg,handling_hours\nH1,a,b,gba_dc,GZ,95,113,0.1,2\n", 2, "lat")]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg,handling_hours\nH1,a,b,gba_dc,GZ,23,113,-1,2\n", 2, "handling_cny_per_kg")]
    [InlineData("id,name_zh,name_en,kind,province_or_city,lat,lon,handling_cny_per_kg,handling_hours\nH1,a,b,gba_dc,GZ,23,113,0.1,2\nH1,c,d,gba_dc,SZ,22,114,0.1,2\n", 3, "id")]
    public void Bad_file_is_refused_with_row_and_column(string text, int row, string column)
    {
        var loaded = HubFile.Parse(text);

        Assert.False(loaded.Ok);
        Assert.Null(loaded.Value);
        Assert.Contains(loaded.Errors, e => e.Row == row && e.Column == column);
    }

    /// <summary>A file of the repository, found by walking up from the test binaries.</summary>
    internal static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(string.Join('/', parts));
    }
}
