namespace Ivr.Flows.Loading.Yaml;

/// <summary>A YAML sequence in the order written.</summary>
public sealed class YamlList(SourceLocation location, IReadOnlyList<YamlValue> items) : YamlValue(location)
{
    public IReadOnlyList<YamlValue> Items { get; } = items;

    public override string Describe() => "a list";
}
