namespace Ivr.Host.Serving;

/// <summary>
/// The flood limits of <c>ivr serve</c> kept in a file (<c>deploy/limits.yaml</c>, or <c>--limits FILE</c>): one key per
/// limit option, named like the option with '_' for '-' (<c>sip_rate: 50</c> is <c>--sip-rate 50</c>). A value on the
/// command line overrides the file's. Each value keeps where it was written, so a wrong one is refused as
/// <c>FILE:LINE:COLUMN: …</c>; an unknown key is refused the same way (a typo would otherwise be a limit silently left at
/// its default).
/// </summary>
public sealed class LimitsFile
{
    public static readonly string DefaultPath = Path.Combine("deploy", "limits.yaml");

    private readonly Dictionary<string, (string Text, string At)> _values;

    private LimitsFile(Dictionary<string, (string Text, string At)> values) => _values = values;

    public static readonly LimitsFile Empty = new([]);

    /// <summary>The value of option <paramref name="option"/> (e.g. "sip-rate") and where it was written, or null.</summary>
    public (string Text, string At)? Find(string option) => _values.TryGetValue(option, out var value) ? value : null;

    /// <summary>Reads <paramref name="path"/> (<see cref="Settings.SettingsYaml"/>); every key must name one of <paramref name="options"/>.
    /// Throws <see cref="UsageException"/> naming FILE:LINE:COLUMN.</summary>
    public static LimitsFile Read(string path, IReadOnlyCollection<string> options)
    {
        try
        {
            var values = new Dictionary<string, (string Text, string At)>();
            foreach (var field in Settings.SettingsYaml.Fields(path, options.Select(o => o.Replace('-', '_')).ToList(), "keys like sip_rate: 50 (see deploy/limits.yaml)"))
            {
                if (field.Text.Length == 0) throw new InvalidDataException($"{field.At}: {field.Key} needs a value");
                values[field.Key.Replace('_', '-')] = (field.Text, field.At);
            }

            return new LimitsFile(values);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (IOException ex)
        {
            throw new UsageException($"{path}: {ex.Message}");
        }
    }
}
