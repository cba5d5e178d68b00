namespace SupplyMatch.Cli;

/// <summary>Exit codes of <c>supplymatch</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal error (a one-line message; <c>--verbose</c> adds the stack trace).</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: unknown command or option, unreadable files, data errors (file, row, column on stderr).</summary>
    public const int BadInput = 2;

    /// <summary>The plan is not valid: <c>check</c> found an infeasible or wrong result, or <c>match</c> got no plan.</summary>
    public const int InvalidResult = 3;
}

/// <summary>One subcommand: its name, one-line summary, usage text and entry point.</summary>
internal sealed record CliCommand(string Name, string Summary, string Usage, Func<string[], TextWriter, TextWriter, CancellationToken, int> Run);

/// <summary>The <c>supplymatch</c> command line, callable in-process with its own writers.</summary>
public static class CliApp
{
    private static readonly CliCommand[] Commands =
    [
        new("match", "solve a scenario and print KPIs and solver statistics (or the result JSON)", MatchCommand.Usage, MatchCommand.Run),
        new("check", "re-check a result JSON against its scenario with the independent feasibility checker", CheckCommand.Usage, CheckCommand.Run),
        new("generate", "write a synthetic scenario directory of any size", GenerateCommand.Usage, GenerateCommand.Run),
        new("route", "solve a Solomon VRPTW instance with the delivery router and print distance, vehicles and time", RouteCommand.Usage,
            (args, stdout, stderr, _) => RouteCommand.Run(args, stdout, stderr)),
    ];

    /// <summary>Runs one command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        Run(args, stdout, stderr, Commands, cancellationToken);

    /// <summary>Runs one command line against a given command table.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyList<CliCommand> commands, CancellationToken cancellationToken)
    {
        // --verbose is global: "supplymatch --verbose match data/demo" means "supplymatch match data/demo --verbose".
        if (args is [CommandLine.Verbose, .. var rest])
        {
            args = rest.Length == 0 ? [] : [.. rest, CommandLine.Verbose];
        }

        if (args.Length == 0)
        {
            stderr.Write(GeneralUsage());
            return ExitCodes.BadInput;
        }

        if (args[0] is "help" or CommandLine.Help or "-h")
        {
            return Help(args.Skip(1).Where(a => a != CommandLine.Verbose).ToArray(), commands, stdout, stderr);
        }

        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"supplymatch: unknown command '{args[0]}'");
            stderr.Write(GeneralUsage());
            return ExitCodes.BadInput;
        }

        try
        {
            return command.Run(args[1..], stdout, stderr, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("supplymatch: cancelled");
            return ExitCodes.InternalError;
        }
        catch (Exception ex)
        {
            // Anything that reaches here is a defect, not bad input: say so in one line unless asked for more.
            var oneLine = ex.Message.ReplaceLineEndings(" ");
            stderr.WriteLine($"supplymatch: internal error in '{command.Name}': {ex.GetType().Name}: {oneLine}");
            stderr.WriteLine(args.Contains(CommandLine.Verbose) ? ex.ToString() : "(run again with --verbose for the stack trace)");
            return ExitCodes.InternalError;
        }
    }

    private static int Help(string[] topic, IReadOnlyList<CliCommand> commands, TextWriter stdout, TextWriter stderr)
    {
        if (topic.Length == 0 || (topic.Length == 1 && topic[0] is "help" or CommandLine.Help or "-h"))
        {
            stdout.Write(GeneralUsage());
            return ExitCodes.Ok;
        }

        var command = commands.FirstOrDefault(c => c.Name == topic[0]);
        if (command is null || topic.Length > 1)
        {
            stderr.WriteLine($"supplymatch: no help for '{string.Join(' ', topic)}'");
            stderr.Write(GeneralUsage());
            return ExitCodes.BadInput;
        }

        stdout.Write(command.Usage);
        return ExitCodes.Ok;
    }

    private static string GeneralUsage() =>
        "supplymatch: match Greater Bay Area vegetable demand with harvest supply from Yunnan, Guizhou, Sichuan and Guangxi\n\n"
        + "Usage: supplymatch <command> [arguments] [--help] [--verbose]\n\n"
        + "Commands:\n"
        + string.Concat(Commands.Select(c => $"  {c.Name,-10}{c.Summary}\n"))
        + "  help      help on a command: supplymatch help <command>\n\n"
        + ExitCodeText;

    /// <summary>The exit codes, as every usage text shows them.</summary>
    internal const string ExitCodeText =
        "Exit codes:\n"
        + "  0  success\n"
        + "  1  internal error (one line; --verbose prints the stack trace)\n"
        + "  2  bad input: unknown command or option, missing or unreadable files, data errors\n"
        + "     (every error on stderr as: file row N, column C: what is wrong)\n"
        + "  3  invalid plan: 'check' found the result infeasible or its figures wrong;\n"
        + "     'match' ended without a plan (status infeasible, not solved or cancelled);\n"
        + "     'route' ended without routes (not solved in its time limit)\n";
}
