namespace SupplyMatch.Core.Scenario;

/// <summary>Reads a cell's text as a value; false when the text is not of that type.</summary>
public delegate bool CellReader<T>(string text, out T value);

/// <summary>
/// One rule for a kind of cell: how its text is read and which values are allowed. The same rule object
/// checks a CSV cell and a value that arrives already typed (REST), so both report the same message.
/// </summary>
public sealed class ValueRule<T>
{
    private readonly CellReader<T> _read;
    private readonly Func<T, bool> _allows;
    private readonly Func<T, string> _format;

    /// <param name="expectation">What a valid value is, completing "... is not {expectation}".</param>
    public ValueRule(string expectation, CellReader<T> read, Func<T, bool>? allows = null, Func<T, string>? format = null)
    {
        Expectation = expectation;
        _read = read;
        _allows = allows ?? (_ => true);
        _format = format ?? (v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>What a valid value is, e.g. "a positive whole number of kg".</summary>
    public string Expectation { get; }

    /// <summary>Reads and checks a cell (already trimmed, not empty); on failure the message says why.</summary>
    public bool TryParse(string text, out T value, out string? error)
    {
        if (_read(text, out value) && _allows(value))
        {
            error = null;
            return true;
        }

        error = Describe(text);
        return false;
    }

    /// <summary>Null when <paramref name="value"/> is allowed, else the message.</summary>
    public string? Check(T value) => _allows(value) ? null : Describe(_format(value));

    /// <summary>The message for a cell that breaks the rule.</summary>
    public string Describe(string text) => $"\"{text}\" is not {Expectation}";
}
