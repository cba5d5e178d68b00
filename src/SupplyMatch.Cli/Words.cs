using System.Globalization;
using System.Text;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Cli;

/// <summary>How figures and enum values read in the table output.</summary>
internal static class Words
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"NotSolved" -> "not solved".</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    public static string Province(Province p) => p switch
    {
        Core.Domain.Province.Yunnan => "Yunnan 云南",
        Core.Domain.Province.Guizhou => "Guizhou 贵州",
        Core.Domain.Province.Sichuan => "Sichuan 四川",
        _ => "Guangxi 广西",
    };

    public static string Kg(long kg) => kg.ToString("N0", Invariant) + " kg";

    public static string Cny(decimal cny) => "CNY " + cny.ToString("N2", Invariant);

    /// <summary>A price per kg, with three decimals: transport costs differ in the third.</summary>
    public static string CnyPerKg(decimal cny) => "CNY " + cny.ToString("N3", Invariant);

    public static string Count(long n) => n.ToString("N0", Invariant);

    /// <summary>"1 line", "2 lines".</summary>
    public static string Count(long n, string noun) => $"{Count(n)} {noun}{(n == 1 ? string.Empty : "s")}";

    public static string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(Invariant), Invariant);

    /// <summary>A share as a percentage with one decimal; "-" when there is nothing to divide by.</summary>
    public static string Percent(double part, double whole) =>
        whole > 0 ? (100.0 * part / whole).ToString("F1", Invariant) + " %" : "-";
}
