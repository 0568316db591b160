namespace Ivr.Flows.Loading.Yaml;

/// <summary>A YAML mapping in the order written; duplicate keys are kept (and reported by the reader).</summary>
public sealed class YamlMap(SourceLocation location, IReadOnlyList<KeyValuePair<YamlScalar, YamlValue>> entries) : YamlValue(location)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlValue>> Entries { get; } = entries;

    /// <summary>The first entry whose key is <paramref name="key"/>.</summary>
    public KeyValuePair<YamlScalar, YamlValue>? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Text == key) return entry;
        }

        return null;
    }

    public override string Describe() => "a map";
}
