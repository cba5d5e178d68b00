using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Checking;

/// <summary>
/// A round small enough to solve on paper from MODEL.md. Every lane states its distance and hours, so timing and
/// tariffs follow by hand (dispatch 16:00, handling 2 h, one refrigerated truck type):
/// <code>
/// lane              km     h  tariff                                   transit  arrives        offset
/// B-YN  -> GZ       1,200  14 0.45 (lane)                             16 h     +1 d 08:00     1 (U-GZ takes to 10:00)
/// B-YN  -> U-HK     1,350  16 (1000 + 5 x 1350) / (10000 x 0.85)     18 h     +1 d 10:00     1 (U-HK takes to 12:00)
///                              = 0.9118 -> 0.91
/// B-GX  -> GZ         600   8 0.25 (lane)                             10 h     +1 d 02:00     1
/// B-GX  -> HK         700   9 0.30 (lane)                             11 h     +1 d 03:00     1
/// </code>
/// Choy sum (chilled, 10 days): L-1 (B-YN, first, 3.20, 5,000 kg), L-2 (B-GX, premium, 3.80, 3,000 kg).
/// D-1 U-GZ 4,000 kg first+ ceiling 4.50 prio 2 (penalty 8.50); D-2 U-HK 3,000 kg (needs gba_basket) ceiling 5.00
/// prio 1 (penalty 10.00); D-3 U-GZ 2,000 kg premium ceiling 4.20 prio 3 (penalty 7.20).
/// Arcs (landed - bonus, B-YN is poverty-linked: bonus 0.10): L-1/D-1 3.65 - 0.10 = 3.55; L-2/D-1 4.05;
/// L-1/D-2 4.11 - 0.10 = 4.01; L-2/D-3 4.05. L-2/D-2 lacks gba_basket, L-1/D-3 is first grade.
/// 8,000 kg of supply for 9,000 kg of demand: the cheapest line to leave short is D-3 (7.20), so the optimum is
/// L-1: D-1 2,000 + D-2 3,000; L-2: D-1 2,000 + D-3 1,000; D-3 unmet 1,000.
/// Potatoes (ambient, 60 days): L-3 (B-GX, 1.20, ships 03-01..03-05), L-4 (B-YN, 1.00, ships 03-10..03-12).
/// D-4 U-HK: L-3 lacks gba_basket, L-4 ships too late -> furthest filter NoSupplyInWindow, penalty 2.00 + 3 = 5.00.
/// D-5 U-GZ ceiling 1.40: L-3 lands at 1.45 -> TooExpensive (freshness 83%), L-4 too late; penalty 1.40 + 2 = 3.40.
/// Objective (fen): 2,000 x 355 + 3,000 x 401 + 2,000 x 405 + 1,000 x 405 + 1,000 x 720 + 1,500 x 500
/// + 1,000 x 340 = 4,938,000 = 49,380.00 CNY.
/// Duals: D-3 unmet -> 7.20; L-2 = 7.20 - 4.05 = 3.15; D-1 = 4.05 + 3.15 = 7.20; L-1 = 7.20 - 3.55 = 3.65;
/// D-2 = 4.01 + 3.65 = 7.66; L-3, L-4 spare -> 0; D-4 = 5.00, D-5 = 3.40. Dual objective
/// 7.20 x 4,000 + 7.66 x 3,000 + 7.20 x 2,000 + 5.00 x 1,500 + 3.40 x 1,000 - 3.65 x 5,000 - 3.15 x 3,000 = 49,380.00.
/// </summary>
internal static class TinyRound
{
    public static readonly DateOnly March1 = new(2025, 3, 1);

    public static MatchingProblem Problem(MatchingSettings? settings = null) =>
        new(Reference(), Lots(), Lines(), settings ?? new MatchingSettings());

    public static ReferenceData Reference(bool refrigerated = true) => new(
        [
            new Product("P-CHOYSUM", "菜心", "Choy sum", "leafy", 10, StorageClass.Chilled, 10m),
            new Product("P-POTATO", "马铃薯", "Potato", "root_tuber", 60, StorageClass.Ambient, 20m),
        ],
        [
            new City("GZ", "广州", "Guangzhou", new GeoPoint(23.13, 113.26)),
            new City("HK", "香港", "Hong Kong", new GeoPoint(22.32, 114.17)),
        ],
        [
            new Base("B-YN", "元谋蔬菜基地", "Yuanmou vegetable base", Province.Yunnan, "元谋县", "Yuanmou", new GeoPoint(25.70, 101.87),
                Set("gba_basket", "green_food"), 120, true),
            new Base("B-GX", "田阳蔬菜合作社", "Tianyang vegetable cooperative", Province.Guangxi, "田阳区", "Tianyang", new GeoPoint(23.74, 106.92),
                Set("green_food"), 0, false),
        ],
        [
            new Buyer("U-GZ", "江南果菜批发市场", "Jiangnan wholesale market", BuyerType.WholesaleMarket, "GZ", new GeoPoint(23.17, 113.25),
                Set(), new TimeOnly(4, 0), new TimeOnly(10, 0)),
            new Buyer("U-HK", "香港蔬菜进口商", "Hong Kong vegetable importer", BuyerType.Importer, "HK", new GeoPoint(22.37, 114.11),
                Set("gba_basket"), new TimeOnly(6, 0), new TimeOnly(12, 0)),
        ],
        [new VehicleType("V-REEF", "冷藏车", "Refrigerated truck", 10_000, refrigerated, 5m, 1000m, 60)],
        [
            new Lane("B-YN", "GZ", 1200, 14, 0.45m),
            new Lane("B-YN", "U-HK", 1350, 16, null),
            new Lane("B-GX", "GZ", 600, 8, 0.25m),
            new Lane("B-GX", "HK", 700, 9, 0.30m),
        ]);

    public static List<HarvestLot> Lots() =>
    [
        new("L-1", "B-YN", "P-CHOYSUM", Grade.First, March1, March1, Day(3), 5_000, null, 3.20m, 0),
        new("L-2", "B-GX", "P-CHOYSUM", Grade.Premium, Day(2), Day(2), Day(4), 3_000, null, 3.80m, 0),
        new("L-3", "B-GX", "P-POTATO", Grade.Second, new DateOnly(2025, 2, 20), March1, Day(5), 10_000, null, 1.20m, 0),
        new("L-4", "B-YN", "P-POTATO", Grade.Second, Day(8), Day(10), Day(12), 4_000, null, 1.00m, 0),
    ];

    public static List<DemandLine> Lines() =>
    [
        new("D-1", "U-GZ", "P-CHOYSUM", Grade.First, 4_000, Day(2), Day(3), 4.50m, 70, true, 2),
        new("D-2", "U-HK", "P-CHOYSUM", Grade.Second, 3_000, Day(2), Day(4), 5.00m, 60, true, 1),
        new("D-3", "U-GZ", "P-CHOYSUM", Grade.Premium, 2_000, Day(3), Day(5), 4.20m, 80, true, 3),
        new("D-4", "U-HK", "P-POTATO", Grade.Second, 1_500, Day(2), Day(4), 2.00m, 50, true, 3),
        new("D-5", "U-GZ", "P-POTATO", Grade.Second, 1_000, Day(2), Day(4), 1.40m, 50, true, 4),
    ];

    /// <summary>The optimal result derived above, with every figure typed from the derivation.</summary>
    public static MatchingResult Result() => new(
        SolveStatus.Optimal,
        49_380.00m,
        [
            new("L-1", "D-1", "B-YN", "U-GZ", "P-CHOYSUM", 2_000, March1, Day(2), 1200, 90, 3.20m, 0.45m, 3.65m, 0.10m),
            new("L-1", "D-2", "B-YN", "U-HK", "P-CHOYSUM", 3_000, March1, Day(2), 1350, 90, 3.20m, 0.91m, 4.11m, 0.10m),
            new("L-2", "D-1", "B-GX", "U-GZ", "P-CHOYSUM", 2_000, Day(2), Day(3), 600, 90, 3.80m, 0.25m, 4.05m, 0m),
            new("L-2", "D-3", "B-GX", "U-GZ", "P-CHOYSUM", 1_000, Day(2), Day(3), 600, 90, 3.80m, 0.25m, 4.05m, 0m),
        ],
        [
            new("D-3", "U-GZ", "P-CHOYSUM", 2_000, 1_000, 1_000, UnmetReason.OutCompeted,
                new UnmetExplanation(1, 4.05m, 4.20m, 90, 80, Grade.Premium, null, 7.20m, 7.20m, ["L-2"], ["D-1"],
                    "Out-competed for lot L-2", "批次 L-2 被其他需求占用")),
            new("D-4", "U-HK", "P-POTATO", 1_500, 0, 1_500, UnmetReason.NoSupplyInWindow,
                new UnmetExplanation(0, null, null, null, null, null, null, null, 5.00m, null, null,
                    "No lot ships in the delivery window", "无批次可在交货窗口内送达")),
            new("D-5", "U-GZ", "P-POTATO", 1_000, 0, 1_000, UnmetReason.TooExpensive,
                new UnmetExplanation(0, 1.45m, 1.40m, 83, 50, Grade.Second, null, null, 3.40m, null, null,
                    "Cheapest landed 1.45 CNY/kg is above the ceiling 1.40", "最低到岸价 1.45 元/公斤 高于上限 1.40")),
        ],
        [],
        new ShadowPrices(
            [new("L-1", 3.65m), new("L-2", 3.15m), new("L-3", 0m), new("L-4", 0m)],
            [new("D-1", 7.20m), new("D-2", 7.66m), new("D-3", 7.20m), new("D-4", 5.00m), new("D-5", 3.40m)]),
        Kpis(),
        new SolverStatistics("flow", SolveStatus.Optimal, 4, 5, 10, 4,
            [
                new(UnmetReason.NoSupplyInWindow, 2),
                new(UnmetReason.CertificationMissing, 2),
                new(UnmetReason.GradeTooLow, 1),
                new(UnmetReason.TooExpensive, 1),
            ],
            11, 9, 49_380.00m, 49_380.00m, 49_380.00m, 0));

    /// <summary>
    /// KPIs by hand: 8,000 of 11,500 kg; D-1, D-2 full, D-3 partly, D-4, D-5 unmet; ex-farm 5,000 x 3.20 + 3,000 x 3.80
    /// = 27,400; transport 2,000 x 0.45 + 3,000 x 0.91 + 3,000 x 0.25 = 4,380; landed 31,780 = 3.9725/kg;
    /// ton-km (2,000 x 1,200 + 3,000 x 1,350 + 3,000 x 600) / 1,000 = 8,250; poverty-linked: all of L-1 (B-YN).
    /// </summary>
    public static Kpis Kpis() => new(
        11_500, 8_000, 8_000 / 11_500.0, 5, 2, 1, 2, 0.4,
        27_400.00m, 4_380.00m, 31_780.00m, 3.9725m, 8_250, 5_000, 16_000.00m, 62.5, 120,
        [new(Province.Yunnan, 5_000, 16_000.00m, 120)],
        [new(Province.Yunnan, "元谋县", "Yuanmou", 5_000, 16_000.00m, 120)],
        [new(UnmetReason.NoSupplyInWindow, 1_500, 1), new(UnmetReason.TooExpensive, 1_000, 1), new(UnmetReason.OutCompeted, 1_000, 1)]);

    public static DateOnly Day(int dayOfMarch) => new(2025, 3, dayOfMarch);

    private static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}
