using System.Globalization;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Matching;

/// <summary>The English and Chinese sentences of unmet-demand explanations.</summary>
internal static class ExplanationText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static (string En, string Zh) ForFilter(Product product, int lineIndex, LineDiagnosis diagnosis, ProblemIndex index)
    {
        var line = index.Lines[lineIndex];
        var en = product.NameEn;
        var zh = product.NameZh;
        return diagnosis.Stage switch
        {
            < 0 => ($"No lot of {en} is offered in this round.", $"本轮没有{zh}的供应批次。"),
            0 => ($"The line requires {GradeEn(line.MinGrade)} grade; the best {en} offered is {GradeEn((Grade)diagnosis.BestGrade)}.",
                  $"需求要求{GradeZh(line.MinGrade)}；供应的{zh}最高为{GradeZh((Grade)diagnosis.BestGrade)}。"),
            1 => Certification(en, zh, index.MissingCertifications(diagnosis.CertificationBase, index.LineBuyer[lineIndex])),
            2 => ($"{en} needs a cold chain and no refrigerated vehicle type is available.", $"{zh}需要冷链运输，但没有可用的冷藏车型。"),
            3 => ($"{diagnosis.SameProductLots} lot(s) of {en} can deliver only between {Day(diagnosis.EarliestDeliveryDay)} and {Day(diagnosis.LatestDeliveryDay)}, none inside the window {line.Earliest:yyyy-MM-dd} to {line.Latest:yyyy-MM-dd}.",
                  $"{diagnosis.SameProductLots}个{zh}批次只能在{Day(diagnosis.EarliestDeliveryDay)}至{Day(diagnosis.LatestDeliveryDay)}之间送达，均不在交货窗口{line.Earliest:yyyy-MM-dd}至{line.Latest:yyyy-MM-dd}内。"),
            4 => ($"{en} arrives with at most {diagnosis.BestFreshness}% of its shelf life left; the line requires {line.MinFreshnessPercent}%.",
                  $"{zh}到货时最多剩余{diagnosis.BestFreshness}%的保质期，需求要求至少{line.MinFreshnessPercent}%。"),
            _ => ($"The cheapest landed price of {en} is {Cny(diagnosis.CheapestLandedFen / 100m)} CNY/kg, above the ceiling of {Cny(line.MaxLandedCnyPerKg)} CNY/kg.",
                  $"{zh}最低到岸价为每公斤{Cny(diagnosis.CheapestLandedFen / 100m)}元，高于最高限价每公斤{Cny(line.MaxLandedCnyPerKg)}元。"),
        };
    }

    public static (string En, string Zh) ForCompetition(Product product, int compatibleLots, decimal? clearing, decimal penalty, IReadOnlyList<string> competitors)
    {
        var taken = competitors.Count == 0 ? string.Empty : $"; the supply went to {string.Join(", ", competitors)}";
        var takenZh = competitors.Count == 0 ? string.Empty : $"；货源已分配给{string.Join("、", competitors)}";
        if (clearing is not { } price)
        {
            return ($"{compatibleLots} compatible lot(s) of {product.NameEn} existed, but other lines used them{taken}.",
                    $"有{compatibleLots}个符合条件的{product.NameZh}批次，但已被其他需求使用{takenZh}。");
        }

        return ($"{compatibleLots} compatible lot(s) of {product.NameEn} existed, but serving this line would cost {Cny(price)} CNY/kg (landed price plus the scarcity value of the lots), not below its unmet penalty of {Cny(penalty)} CNY/kg{taken}.",
                $"有{compatibleLots}个符合条件的{product.NameZh}批次，但满足该需求的代价为每公斤{Cny(price)}元（到岸价加货源稀缺价值），不低于其未满足罚金每公斤{Cny(penalty)}元{takenZh}。");
    }

    private static (string, string) Certification(string en, string zh, IReadOnlyList<string> missing) =>
        ($"The buyer requires {string.Join(", ", missing)}; no base offering {en} holds it.",
         $"采购商要求认证{string.Join("、", missing.Select(Vocabulary.Certifications.ChineseName))}，供应{zh}的基地均不具备。");

    private static string GradeEn(Grade grade) => grade switch
    {
        Grade.Premium => "premium",
        Grade.First => "first",
        _ => "second",
    };

    private static string GradeZh(Grade grade) => grade switch
    {
        Grade.Premium => "特级",
        Grade.First => "一级",
        _ => "二级",
    };

    private static string Day(int dayNumber) => DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", Invariant);

    private static string Cny(decimal value) => value.ToString("0.00##", Invariant);
}
