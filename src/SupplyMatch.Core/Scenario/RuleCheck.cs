namespace SupplyMatch.Core.Scenario;

/// <summary>Applies a <see cref="ValueRule{T}"/> to a value that arrived typed.</summary>
internal static class RuleCheck
{
    /// <summary>Null when the value follows the rule, else the error for <paramref name="column"/>.</summary>
    public static FieldError? Of<T>(ValueRule<T> rule, T value, string column)
    {
        if (value is null || value is string { Length: 0 })
        {
            return new FieldError(column, rule.Missing());
        }

        return rule.Check(value) is { } reason ? new FieldError(column, reason) : null;
    }
}

/// <summary>The owner column of a file submitted by one buyer or one base.</summary>
internal static class OwnerScoped
{
    /// <summary>
    /// Without an owner the column is an ordinary required id. With one, the column may be absent or empty
    /// (the owner is meant), and any other id is an error.
    /// </summary>
    /// <param name="other">The reason for a row naming another owner: <see cref="RowReasons.NotOwnBuyer"/> or <see cref="RowReasons.NotOwnBase"/>.</param>
    public static string Read(CsvRow row, CsvColumn column, string? ownerId, ReasonKind other)
    {
        if (ownerId is null)
        {
            return row.Required(column, ValueRules.Id);
        }

        var cell = row.Cell(column);
        if (cell is not null && cell != ownerId)
        {
            row.Fail(column.Name, other.With(("column", new Bilingual(column.Name, column.NameZh)), ("value", cell), ("owner", ownerId)));
        }

        return ownerId;
    }
}
