namespace SupplyMatch.Core.Scenario;

/// <summary>Reads a cell's text as a value; false when the text is not of that type.</summary>
public delegate bool CellReader<T>(string text, out T value);

/// <summary>
/// One rule for a kind of cell: how its text is read and which values are allowed. The same rule object
/// checks a CSV cell and a value that arrives already typed (REST), so both report the same reason.
/// </summary>
public sealed class ValueRule<T>
{
    private readonly CellReader<T> _read;
    private readonly Func<T, bool> _allows;
    private readonly Func<T, string> _format;

    /// <param name="broken">The rule's kind in <see cref="RowReasons"/>: its code, "... is not {expected}" and what is expected.</param>
    public ValueRule(ReasonKind broken, CellReader<T> read, Func<T, bool>? allows = null, Func<T, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(broken.Expected);
        Broken = broken;
        _read = read;
        _allows = allows ?? (_ => true);
        _format = format ?? (v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>The kind of problem a cell that breaks the rule has.</summary>
    public ReasonKind Broken { get; }

    /// <summary>Reads and checks a cell (already trimmed, not empty); on failure the reason says why.</summary>
    public bool TryParse(string text, out T value, out RowReason? error)
    {
        if (_read(text, out value) && _allows(value))
        {
            error = null;
            return true;
        }

        error = Describe(text);
        return false;
    }

    /// <summary>Null when <paramref name="value"/> is allowed, else the reason.</summary>
    public RowReason? Check(T value) => _allows(value) ? null : Describe(_format(value));

    /// <summary>The reason for a cell that breaks the rule.</summary>
    public RowReason Describe(string text) => Broken.With(("value", text));

    /// <summary>The reason for an empty cell where the rule wants a value.</summary>
    public RowReason Missing() => RowReasons.ValueMissing.With(("expected", Broken.Expected!));
}
