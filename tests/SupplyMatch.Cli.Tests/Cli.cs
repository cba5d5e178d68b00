namespace SupplyMatch.Cli.Tests;

/// <summary>What one in-process run of the command printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs <c>supplymatch</c> in-process with its own writers.</summary>
internal static class Cli
{
    public static CliRun Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    internal static CliRun Run(IReadOnlyList<CliCommand> commands, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, commands, CancellationToken.None);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A directory of its own under the temp folder, removed at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "supplymatch-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a small generated scenario into <paramref name="name"/> with the generate command.</summary>
    public string Scenario(string name = "scenario", int seed = 5)
    {
        var directory = File(name);
        var run = Cli.Run("generate", "--out", directory, "--lots", "40", "--lines", "60", "--products", "6", "--days", "4", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
