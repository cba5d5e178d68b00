using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>A problem found in an input file. Row 1 is the header; row 0 means the whole file.</summary>
public sealed record DataError(string File, int Row, string? Column, string Message);

/// <summary>A value loaded all-or-nothing: either the value, or the errors that stopped it.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<DataError> Errors)
    where T : class
{
    /// <summary>True when the value loaded without errors.</summary>
    public bool Ok => Value is not null && Errors.Count == 0;
}

/// <summary>Reads and writes scenario directories in the CSV formats documented in data/README.md.</summary>
public static class ScenarioFiles
{
    /// <summary>Loads a scenario directory (reference data, lots, lines, settings); nothing is returned when any row is bad.</summary>
    public static LoadResult<MatchingProblem> LoadDirectory(string directory) => throw new NotImplementedException();

    /// <summary>Loads only the reference data of a directory.</summary>
    public static LoadResult<ReferenceData> LoadReference(string directory) => throw new NotImplementedException();

    /// <summary>Writes a problem as a self-contained scenario directory.</summary>
    public static void WriteDirectory(MatchingProblem problem, string directory) => throw new NotImplementedException();
}
