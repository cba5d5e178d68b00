using System.Globalization;
using System.Numerics;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli;

/// <summary><c>supplymatch generate</c>: writes a synthetic scenario directory.</summary>
internal static class GenerateCommand
{
    public const string Usage =
        "Usage: supplymatch generate --out DIR [--lots N] [--lines N] [--products N] [--days N] [--seed S]\n"
        + "                            [--start-date yyyy-MM-dd] [--bases N] [--buyers N]\n\n"
        + "Writes a self-contained synthetic scenario (reference files, lots.csv, lines.csv, scenario.json) to DIR.\n"
        + "The same options and seed always give the same files.\n\n"
        + "  --lots N         harvest lots (default 200)\n"
        + "  --lines N        demand lines (default 400)\n"
        + "  --products N     products (default 20; beyond the catalogue, numbered varieties)\n"
        + "  --days N         planning horizon in days (default 7): delivery windows open on the N days after\n"
        + "                   --start-date and may close up to 3 days after the last of them, lots ship from the\n"
        + "                   day before --start-date; the summary names the days the files span (the horizon a\n"
        + "                   round needs for them)\n"
        + "  --seed S         random seed (default 1)\n"
        + "  --start-date D   first day of the horizon (default 2026-06-01); every generated day (from the day\n"
        + "                   before it to 3 days after the last day a window opens) lies in 2000-01-01..2099-12-31\n"
        + "  --bases N        production bases (default: one per 20 lots, at least 8)\n"
        + "  --buyers N       buyers (default: one per 40 lines, at least 11)\n\n"
        + CliApp.ExitCodeText;

    private static readonly CommandSpec Spec = new(
        "generate", ["--out", "--lots", "--lines", "--products", "--days", "--seed", "--start-date", "--bases", "--buyers"], [], 0);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (parsed, error) = CommandLine.Parse(args, Spec);
        if (parsed is null)
        {
            return CliOutput.UsageError(Spec.Name, error!, Usage, stderr);
        }

        if (parsed.Help)
        {
            stdout.Write(Usage);
            return ExitCodes.Ok;
        }

        var (options, problems) = ReadOptions(parsed);
        var directory = parsed.Value("--out");
        if (directory is null)
        {
            problems.Insert(0, "--out DIR is required");
        }
        else if (File.Exists(directory))
        {
            problems.Add($"--out {directory} is a file, not a directory");
        }

        if (problems.Count > 0 || options is null || directory is null)
        {
            return CliOutput.UsageError(Spec.Name, string.Join("; ", problems), Usage, stderr);
        }

        var problem = ScenarioGenerator.Generate(options);
        try
        {
            ScenarioFiles.WriteDirectory(problem, directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"supplymatch: cannot write the scenario to {directory}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var r = problem.Reference;
        stdout.WriteLine(
            $"wrote {directory}: {problem.Lots.Count} lots, {problem.Lines.Count} lines, {r.Products.Count} products, "
            + $"{r.Bases.Count} bases, {r.Buyers.Count} buyers, {r.Cities.Count} cities, {r.VehicleTypes.Count} vehicle types, {r.Lanes.Count} lanes "
            + $"(seed {options.Seed}, {options.Days} days from {options.StartDate:yyyy-MM-dd}){Span(problem)}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The days the files span: windows open on the days after the start up to start + days and close up to three days after
    /// that, and lots ship from the day before the start, so a round of the service over the same data needs this horizon to plan every line whole.
    /// </summary>
    private static string Span(Core.Matching.MatchingProblem problem) => problem.Lines.Count == 0 || problem.Lots.Count == 0
        ? string.Empty
        : $"\nlines deliver {problem.Lines.Min(l => l.Earliest):yyyy-MM-dd}..{problem.Lines.Max(l => l.Latest):yyyy-MM-dd}, "
            + $"lots ship {problem.Lots.Min(l => l.AvailableFrom):yyyy-MM-dd}..{problem.Lots.Max(l => l.AvailableTo):yyyy-MM-dd}; "
            + $"a round of the service plans every line whole over horizonFrom {problem.Lines.Min(l => l.Earliest):yyyy-MM-dd}, "
            + $"horizonTo {problem.Lines.Max(l => l.Latest):yyyy-MM-dd}";

    private static (GeneratorOptions? Options, List<string> Problems) ReadOptions(ParsedArgs parsed)
    {
        var problems = new List<string>();
        int? Int(string name, int? fallback)
        {
            var text = parsed.Value(name);
            if (text is null)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            // A whole number that did not parse is beyond int: name the range it must be in.
            var (min, max) = GeneratorOptions.Ranges.TryGetValue(name[2..], out var range) ? range : (int.MinValue, int.MaxValue);
            problems.Add(BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? $"{name} must be a whole number from {min} to {max}, not '{text}'"
                : $"{name} must be a whole number, not '{text}'");
            return fallback;
        }

        var options = new GeneratorOptions(Int("--lots", 200)!.Value, Int("--lines", 400)!.Value, Int("--products", 20)!.Value, Int("--days", 7)!.Value, Int("--seed", 1)!.Value)
        {
            Bases = Int("--bases", null),
            Buyers = Int("--buyers", null),
        };
        if (parsed.Value("--start-date") is { } start)
        {
            if (DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                options = options with { StartDate = day };
            }
            else
            {
                problems.Add($"--start-date must be a date as yyyy-MM-dd, not '{start}'");
            }
        }

        problems.AddRange(options.Problems().Select(p => "--" + p));
        return (problems.Count == 0 ? options : null, problems);
    }
}
