using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Maintenance;

/// <summary>
/// The flat <c>key: value</c> files of deploy/ (retention.yaml, backup.yaml): each value with where it stands, and
/// every problem as <see cref="InvalidDataException"/> <c>FILE:LINE:COL: message</c>, as the flow validator writes them.
/// </summary>
internal sealed class YamlSettings(string path, IReadOnlyList<YamlSettings.Entry> entries)
{
    public sealed record Entry(string Key, string Value, Mark KeyAt, Mark ValueAt);

    public IReadOnlyList<Entry> Entries { get; } = entries;

    public static YamlSettings Read(string path, IReadOnlyCollection<string> keys)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return new YamlSettings(path, []);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{path}:1:1: expected fields such as {keys.First()}: …");
        var entries = new List<Entry>();
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!keys.Contains(name))
                throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown field '{name}'; the fields are {string.Join(", ", keys)}");
            if (value is not YamlScalarNode { Value: { } text })
                throw new InvalidDataException($"{path}:{value.Start.Line}:{value.Start.Column}: {name}: expected one value");
            entries.Add(new Entry(name, text.Trim(), key.Start, value.Start));
        }

        return new YamlSettings(path, entries);
    }

    public InvalidDataException Wrong(Entry entry, string what)
        => new($"{path}:{entry.ValueAt.Line}:{entry.ValueAt.Column}: {entry.Key}: {what}, not '{entry.Value}'");

    /// <summary>A whole number in [min, max].</summary>
    public int Int(Entry entry, int min, int max)
        => int.TryParse(entry.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Wrong(entry, $"a whole number from {min} to {max}");
}
