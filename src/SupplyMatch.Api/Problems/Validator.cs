using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Api.Problems;

/// <summary>One broken rule of one field.</summary>
/// <param name="Reason">The rule's row problem (code and both reasons) when it has one in <see cref="RowReasons"/>: an uploaded row reports it.</param>
public sealed record Violation(string Field, string Rule, string Message, [property: JsonIgnore] RowReason? Reason = null)
{
    /// <summary>
    /// <see cref="Message"/> in Chinese, with the same specifics (limits, today's date), when the rule has a row problem;
    /// left out of the JSON otherwise (a client then says the rule in its own words).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageZh => Reason?.Chinese;
}

/// <summary>Collects field-level violations; each names the field (camelCase JSON path) and the rule.</summary>
public sealed class Validator
{
    private readonly List<Violation> _violations = [];

    public bool Ok => _violations.Count == 0;

    public IReadOnlyList<Violation> Violations => _violations;

    public Validator Add(string field, string rule, string message)
    {
        _violations.Add(new Violation(field, rule, message));
        return this;
    }

    /// <summary>A broken rule that is also a row problem: the message is the reason's English.</summary>
    public Validator Add(string field, string rule, RowReason reason)
    {
        _violations.Add(new Violation(field, rule, reason.English, reason));
        return this;
    }

    public T Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null) { Add(field, "required", "is required."); }
        return value ?? default;
    }

    public string Text(string field, string? value, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "required", "is required."); return ""; }
        if (value.Length > max) { Add(field, "max_length", $"must be at most {max} characters."); }
        if (value.Any(char.IsControl))
        {
            // Returned empty so that later checks (e.g. "exists" lookups) do not send it to the database.
            Add(field, "no_control_characters", "must not contain control characters.");
            return "";
        }

        return value.Trim();
    }

    /// <summary>
    /// The key of an item written at an address that names it (PUT): the address decides, and a body that names another
    /// key is refused rather than ignored, since a key is never changed by a write. Without an address, the body's key.
    /// </summary>
    public string Key(string field, string? routeValue, string? bodyValue)
    {
        if (routeValue is not null && bodyValue is not null && bodyValue.Trim() != routeValue)
        {
            Add(field, "matches_address", $"is '{bodyValue.Trim()}' but the address names '{routeValue}': leave it out or send the same (a key is not changed by a write: create the item under its new key instead).");
        }

        return Id(field, routeValue ?? bodyValue);
    }

    public string Id(string field, string? value)
    {
        var text = Text(field, value, 64);
        if (text.Length > 0 && !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            Add(field, "id_format", "may hold only ASCII letters, digits, '-', '_' and '.'.");
        }

        return text;
    }

    public T Range<T>(string field, T? value, T min, T max)
        where T : struct, IComparable<T>
    {
        var v = Required(field, value);
        if (value is not null && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
        {
            Add(field, "range", RowReasons.OutOfRange.With(("min", min), ("max", max)));
        }

        return v;
    }

    public decimal Money(string field, decimal? value, decimal min, decimal max)
    {
        var v = Range(field, value, min, max);
        if (value is not null && decimal.Round(v, 2) != v) { Add(field, "cny_precision", "must have at most two decimals (CNY)."); }
        return v;
    }

    public void Rule(bool holds, string field, string rule, string message)
    {
        if (!holds) { Add(field, rule, message); }
    }

    public ValidationProblem ToProblem()
    {
        var errors = _violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => $"{v.Rule}: {v.Field} {v.Message}").ToArray());
        return TypedResults.ValidationProblem(errors, detail: "One or more fields are invalid; see errors and violations.",
            title: "Validation failed", extensions: new Dictionary<string, object?>
            {
                ["code"] = ErrorCodes.ValidationFailed,
                ["violations"] = _violations,
            });
    }
}
