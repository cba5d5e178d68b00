namespace SupplyMatch.Cli;

/// <summary>The options and positional arguments a command accepts.</summary>
/// <param name="ValueOptions">Options that take a value (<c>--out FILE</c> or <c>--out=FILE</c>).</param>
/// <param name="Flags">Options without a value; <c>--help</c> and <c>--verbose</c> are always accepted.</param>
internal sealed record CommandSpec(string Name, IReadOnlyList<string> ValueOptions, IReadOnlyList<string> Flags, int Positionals);

/// <summary>Arguments of one command after parsing.</summary>
internal sealed class ParsedArgs(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, string> values, IReadOnlySet<string> flags)
{
    public IReadOnlyList<string> Positionals { get; } = positionals;

    public bool Help => flags.Contains("--help");

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string option) => values.GetValueOrDefault(option);
}

/// <summary>Plain argument parsing: <c>--name value</c>, <c>--name=value</c>, flags, positionals, <c>--</c> ends options.</summary>
internal static class CommandLine
{
    public const string Help = "--help";
    public const string Verbose = "--verbose";

    /// <summary>The parsed arguments, or why they do not fit the command.</summary>
    public static (ParsedArgs? Args, string? Error) Parse(IReadOnlyList<string> args, CommandSpec spec)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || !arg.StartsWith('-') || arg == "-")
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            var (name, inline) = Split(arg is "-h" ? Help : arg);
            if (name is Help or Verbose || spec.Flags.Contains(name))
            {
                if (inline is not null)
                {
                    return (null, $"{name} takes no value");
                }

                flags.Add(name);
            }
            else if (spec.ValueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
                if (value is null)
                {
                    return (null, $"{name} needs a value");
                }

                if (!values.TryAdd(name, value))
                {
                    return (null, $"{name} is given more than once");
                }
            }
            else
            {
                return (null, $"unknown option {name} for '{spec.Name}'");
            }
        }

        if (!flags.Contains(Help) && positionals.Count != spec.Positionals)
        {
            return (null, positionals.Count < spec.Positionals
                ? $"'{spec.Name}' needs {spec.Positionals} argument{(spec.Positionals == 1 ? string.Empty : "s")}, got {positionals.Count}"
                : $"unexpected argument '{positionals[spec.Positionals]}'");
        }

        return (new ParsedArgs(positionals, values, flags), null);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }
}
