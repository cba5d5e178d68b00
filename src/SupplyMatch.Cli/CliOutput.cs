using System.Text;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli;

/// <summary>What every command does the same way: usage errors, data errors, loading scenarios, writing files.</summary>
internal static class CliOutput
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Prints a usage error and the command's synopsis; returns the bad-input exit code.</summary>
    public static int UsageError(string command, string message, string usage, TextWriter stderr)
    {
        stderr.WriteLine($"supplymatch: {message}");
        stderr.WriteLine(usage.Split("\n\n")[0]);
        stderr.WriteLine($"Run 'supplymatch help {command}' for the options and exit codes.");
        return ExitCodes.BadInput;
    }

    /// <summary>Prints one line per data error (file, row, column, what is wrong); returns the bad-input exit code.</summary>
    public static int DataErrors(IReadOnlyList<DataError> errors, string consequence, TextWriter stderr)
    {
        foreach (var error in errors)
        {
            stderr.WriteLine(error.ToString().ReplaceLineEndings(" "));
        }

        stderr.WriteLine($"supplymatch: {errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}; {consequence}");
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// Loads a scenario strictly; on errors prints them all and returns null. A file instead of a directory is a round's
    /// snapshot as the service serves it (<c>GET /api/v1/rounds/{id}/snapshot</c>): the problem exactly as the round
    /// solved it, its lines' windows already cut to the round's horizon.
    /// </summary>
    public static MatchingProblem? LoadScenario(string directory, TextWriter stderr)
    {
        if (File.Exists(directory))
        {
            return LoadSnapshot(directory, stderr);
        }

        var loaded = ScenarioFiles.LoadDirectory(directory);
        if (loaded.Ok)
        {
            return loaded.Value;
        }

        DataErrors(loaded.Errors, $"nothing was loaded from {directory}", stderr);
        return null;
    }

    private static MatchingProblem? LoadSnapshot(string path, TextWriter stderr)
    {
        try
        {
            var problem = ProblemJson.Deserialize(File.ReadAllText(path, Encoding.UTF8));
            if (problem.Reference is null || problem.Lots is null || problem.Lines is null || problem.Settings is null)
            {
                throw new System.Text.Json.JsonException("reference, lots, lines or settings is missing");
            }

            return problem;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"supplymatch: {path} is neither a scenario directory nor a round snapshot (GET /api/v1/rounds/{{id}}/snapshot): "
                + ex.Message.ReplaceLineEndings(" "));
            return null;
        }
    }

    /// <summary>
    /// Why an output file named by <paramref name="option"/> could not be written, found before anything is solved (a
    /// plan that took minutes is not lost to a typing error in a path); null when it can be. The file is opened for
    /// writing without changing it; one that did not exist is removed again.
    /// </summary>
    public static string? OutputPathError(string option, string path, string scenarioDirectory)
    {
        if (Directory.Exists(path))
        {
            return $"{option} {path} is a directory; give the name of a file to write";
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            return $"{option} {path}: the directory {directory} does not exist";
        }

        if (string.Equals(full, Path.GetFullPath(scenarioDirectory), StringComparison.Ordinal))
        {
            return $"{option} {path} would overwrite the round snapshot being solved; write the output elsewhere";
        }

        // The scenario's own files and the reference files its scenario.json points to (e.g. data/reference of data/demo).
        if (Directory.Exists(scenarioDirectory) && ScenarioFiles.InputFiles(scenarioDirectory).Contains(full))
        {
            return $"{option} {path} would overwrite a file of the scenario; write the output elsewhere";
        }

        var existed = File.Exists(full);
        try
        {
            using (new FileStream(full, existed ? FileMode.Open : FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(full);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{option} {path} cannot be written: {ex.Message}";
        }
    }

    /// <summary>Writes text to a file (UTF-8, no BOM); on failure prints why and returns false.</summary>
    public static bool TryWriteFile(string path, string text, TextWriter stderr)
    {
        try
        {
            File.WriteAllText(path, text, Utf8NoBom);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"supplymatch: cannot write {path}: {ex.Message}");
            return false;
        }
    }
}
