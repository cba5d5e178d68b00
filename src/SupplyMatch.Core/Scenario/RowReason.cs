using System.Globalization;
using System.Text.RegularExpressions;

namespace SupplyMatch.Core.Scenario;

/// <summary>A word or phrase that a reason quotes in each language (e.g. "this file" / "本文件").</summary>
public sealed record Bilingual(string English, string Chinese);

/// <summary>A row problem with its specifics filled in: the stable code and the reason in English and in Chinese.</summary>
public sealed record RowReason(string Code, string English, string Chinese);

/// <summary>
/// One kind of row problem in <see cref="RowReasons"/>: a stable snake_case code and its reason in English and Chinese,
/// with <c>{name}</c> placeholders for the specifics (row values, ids, limits). Both texts are filled from the same
/// specifics, so they always say the same thing.
/// </summary>
public sealed partial record ReasonKind(string Code, string English, string Chinese)
{
    /// <summary>For the kind of a cell rule: what a valid value is, in both languages (fills <c>{expected}</c> of an empty cell).</summary>
    public Bilingual? Expected { get; init; }

    /// <summary>The placeholder names of a template, e.g. {"value"} for <c>"{value}" is not a date</c>.</summary>
    public static IReadOnlySet<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The reason with every placeholder filled. A value is written as is in both languages (numbers invariantly), unless
    /// it is a <see cref="Bilingual"/>, whose English goes into the English text and its Chinese into the Chinese one.
    /// </summary>
    /// <exception cref="ArgumentException">A placeholder has no value: the caller and the catalogue disagree.</exception>
    public RowReason With(params (string Name, object Value)[] specifics)
    {
        var values = specifics.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        return new RowReason(Code, Fill(English, values, english: true), Fill(Chinese, values, english: false));
    }

    private string Fill(string template, Dictionary<string, object> values, bool english) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? Text(value, english)
            : throw new ArgumentException($"{Code}: no value for {{{m.Groups[1].Value}}}", nameof(values)));

    private static string Text(object value, bool english) => value switch
    {
        Bilingual words => english ? words.English : words.Chinese,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
