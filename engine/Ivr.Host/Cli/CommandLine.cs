namespace Ivr.Host.Cli;

/// <summary>
/// A verb's arguments: <c>--name value</c> options, <c>--flag</c> switches and positional words.
/// Unknown options are errors, so a typo never silently changes what a command does.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLine(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    public bool Help { get; private init; }

    /// <param name="valued">Options that take a value.</param>
    /// <param name="switches">Options that stand alone.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> switches)
    {
        var positional = new List<string>();
        var help = false;
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (switches.Contains(name))
            {
                options[name] = "true";
            }
            else if (valued.Contains(name))
            {
                var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value");
                options[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option --{name}");
            }
        }

        var line = new CommandLine(positional) { Help = help };
        foreach (var (k, v) in options) line._options[k] = v;
        return line;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Get(string name, string fallback) => _options.GetValueOrDefault(name) ?? fallback;

    public bool Has(string name) => _options.ContainsKey(name);

    public int GetInt(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name) is not { } text) return fallback;
        if (!int.TryParse(text, out var value) || value < min || value > max)
            throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
        return value;
    }
}
