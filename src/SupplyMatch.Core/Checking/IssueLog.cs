using System.Globalization;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Collects issues, keeping at most <see cref="MaxListedPerCode"/> messages per code so that a systematic error on a
/// million arcs still gives a short report; the rest are counted in one closing line per code.
/// </summary>
internal sealed class IssueLog
{
    public const int MaxListedPerCode = 100;

    private readonly List<CheckIssue> _listed = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Number of issues found, listed or not.</summary>
    public int Count { get; private set; }

    public void Add(string code, string message)
    {
        Count++;
        var n = _counts.GetValueOrDefault(code) + 1;
        _counts[code] = n;
        if (n <= MaxListedPerCode)
        {
            _listed.Add(new CheckIssue(code, message));
        }
    }

    public IReadOnlyList<CheckIssue> ToList()
    {
        var list = new List<CheckIssue>(_listed);
        foreach (var (code, n) in _counts.Where(c => c.Value > MaxListedPerCode).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            list.Add(new CheckIssue(code, $"{Fmt.Count(n - MaxListedPerCode)} more issues of this kind not listed"));
        }

        return list;
    }
}

/// <summary>Invariant number formats for issue messages: <c>5,000 kg</c>, <c>3.65 CNY/kg</c>, <c>38,480.00 CNY</c>.</summary>
internal static class Fmt
{
    private const string Decimal = "#,0.00##########";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Kg(long kg) => $"{Count(kg)} kg";

    public static string Cny(decimal cny) => $"{cny.ToString(Decimal, CultureInfo.InvariantCulture)} CNY";

    /// <summary>An amount as the command's report header writes it (CNY 21,777,054.80), keeping any decimals past the fen.</summary>
    public static string CnyAmount(decimal cny) => $"CNY {cny.ToString(Decimal, CultureInfo.InvariantCulture)}";

    public static string Rate(decimal cnyPerKg) => $"{cnyPerKg.ToString(Decimal, CultureInfo.InvariantCulture)} CNY/kg";

    public static string Num(decimal value) => value.ToString(Decimal, CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
