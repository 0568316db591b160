using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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

    /// <summary>Reads <paramref name="path"/>; every key must name one of <paramref name="options"/>. Throws <see cref="UsageException"/> naming FILE:LINE:COLUMN.</summary>
    public static LimitsFile Read(string path, IReadOnlyCollection<string> options)
    {
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path)) stream.Load(reader);
            var node = stream.Documents.FirstOrDefault()?.RootNode;
            root = node as YamlMappingNode;
            if (node is not null && root is null) throw new UsageException($"{path}:{node.Start.Line}:{node.Start.Column}: expected keys like sip_rate: 50 (see deploy/limits.yaml)");
        }
        catch (YamlException ex)
        {
            throw new UsageException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (IOException ex)
        {
            throw new UsageException($"{path}: {ex.Message}");
        }

        var values = new Dictionary<string, (string Text, string At)>();
        foreach (var (key, value) in root?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var name = ((key as YamlScalarNode)?.Value ?? "").Replace('_', '-');
            var at = $"{path}:{key.Start.Line}:{key.Start.Column}";
            if (!options.Contains(name)) throw new UsageException($"{at}: unknown limit '{(key as YamlScalarNode)?.Value}'; known: {string.Join(", ", options.Select(o => o.Replace('-', '_')))}");
            if (value is not YamlScalarNode { Value: { Length: > 0 } text }) throw new UsageException($"{path}:{value.Start.Line}:{value.Start.Column}: {name.Replace('-', '_')} needs a value");
            values[name] = (text, $"{path}:{value.Start.Line}:{value.Start.Column}");
        }

        return new LimitsFile(values);
    }
}
