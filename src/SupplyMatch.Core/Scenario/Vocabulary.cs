using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>The words a file may use for one closed set of values: the English code written, and Chinese aliases read.</summary>
public sealed class Terms<T>
    where T : notnull
{
    private readonly Dictionary<string, T> _byWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<T, string> _code = [];

    private readonly Dictionary<T, string> _chinese = [];

    internal Terms(params (T Value, string Code, string[] Aliases)[] terms)
    {
        foreach (var (value, code, aliases) in terms)
        {
            _code[value] = code;
            if (aliases.Length > 0)
            {
                _chinese[value] = aliases[0];
            }

            _byWord[code] = value;
            foreach (var alias in aliases)
            {
                _byWord[alias] = value;
            }
        }

        Codes = terms.Select(t => t.Code).ToArray();
        Listing = string.Join(", ", terms.Select(t => t.Aliases.Length > 0 ? $"{t.Code} ({t.Aliases[0]})" : t.Code));
    }

    /// <summary>The English codes, in their documented order.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>"premium (特级), first (一级), second (二级)".</summary>
    public string Listing { get; }

    /// <summary>Reads a code or an alias (English case-insensitively).</summary>
    public bool TryRead(string text, out T value) => _byWord.TryGetValue(text, out value!);

    /// <summary>The English code written to files.</summary>
    public string Code(T value) => _code.TryGetValue(value, out var code) ? code : value.ToString() ?? string.Empty;

    /// <summary>For Chinese text: the Chinese name with the code, "有机（organic）"; the code alone when it has no Chinese name.</summary>
    public string ChineseName(T value) => _chinese.TryGetValue(value, out var name) ? $"{name}（{Code(value)}）" : Code(value);

    /// <summary>True when <paramref name="value"/> is one of the terms.</summary>
    public bool Defines(T value) => _code.ContainsKey(value);
}

/// <summary>Every closed vocabulary of the scenario files (data/README.md).</summary>
public static class Vocabulary
{
    public static Terms<Grade> Grades { get; } = new(
        (Grade.Premium, "premium", ["特级"]),
        (Grade.First, "first", ["一级"]),
        (Grade.Second, "second", ["二级"]));

    public static Terms<Province> Provinces { get; } = new(
        (Province.Yunnan, "yunnan", ["云南", "云南省"]),
        (Province.Guizhou, "guizhou", ["贵州", "贵州省"]),
        (Province.Sichuan, "sichuan", ["四川", "四川省"]),
        (Province.Guangxi, "guangxi", ["广西", "广西壮族自治区"]));

    public static Terms<StorageClass> StorageClasses { get; } = new(
        (StorageClass.Ambient, "ambient", ["常温"]),
        (StorageClass.Chilled, "chilled", ["冷藏"]),
        (StorageClass.Cool, "cool", ["恒温", "低温"]));

    public static Terms<BuyerType> BuyerTypes { get; } = new(
        (BuyerType.WholesaleMarket, "wholesale_market", ["批发市场"]),
        (BuyerType.SupermarketChain, "supermarket_chain", ["连锁超市", "超市"]),
        (BuyerType.Canteen, "canteen", ["食堂", "团餐"]),
        (BuyerType.Importer, "importer", ["进口商"]));

    public static Terms<string> Certifications { get; } = new(
        ("gba_basket", "gba_basket", ["粤港澳大湾区“菜篮子”生产基地", "菜篮子"]),
        ("green_food", "green_food", ["绿色食品"]),
        ("organic", "organic", ["有机"]),
        ("gap", "gap", ["良好农业规范"]));

    public static Terms<HubKind> HubKinds { get; } = new(
        (HubKind.OriginHub, "origin_hub", ["产地集配中心"]),
        (HubKind.GbaDc, "gba_dc", ["分拨中心", "大湾区分拨中心"]));

    public static Terms<bool> Booleans { get; } = new(
        (true, "true", ["是"]),
        (false, "false", ["否"]));
}
