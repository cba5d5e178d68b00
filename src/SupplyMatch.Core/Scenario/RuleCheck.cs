namespace SupplyMatch.Core.Scenario;

/// <summary>Applies a <see cref="ValueRule{T}"/> to a value that arrived typed.</summary>
internal static class RuleCheck
{
    /// <summary>Null when the value follows the rule, else the error for <paramref name="column"/>.</summary>
    public static FieldError? Of<T>(ValueRule<T> rule, T value, string column)
    {
        if (value is null || value is string { Length: 0 })
        {
            return new FieldError(column, $"is empty; expected {rule.Expectation}");
        }

        return rule.Check(value) is { } message ? new FieldError(column, message) : null;
    }
}

/// <summary>The owner column of a file submitted by one buyer or one base.</summary>
internal static class OwnerScoped
{
    /// <summary>
    /// Without an owner the column is an ordinary required id. With one, the column may be absent or empty
    /// (the owner is meant), and any other id is an error.
    /// </summary>
    public static string Read(CsvRow row, CsvColumn column, string? ownerId, string owner)
    {
        if (ownerId is null)
        {
            return row.Required(column, ValueRules.Id);
        }

        var cell = row.Cell(column);
        if (cell is not null && cell != ownerId)
        {
            row.Fail(column.Name, $"{column.Name} \"{cell}\" is not the {owner} this file is submitted for (\"{ownerId}\"); leave the cell empty or write {ownerId}");
        }

        return ownerId;
    }
}
