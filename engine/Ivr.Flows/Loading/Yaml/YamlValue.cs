namespace Ivr.Flows.Loading.Yaml;

/// <summary>
/// A node of a YAML document as the loader sees it: a scalar, a map or a list, with where it starts.
/// Unlike YamlDotNet's representation model, maps keep duplicate keys so they can be reported.
/// </summary>
public abstract class YamlValue(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>What the value is, in an editor's words ("text", "a map", "a list").</summary>
    public abstract string Describe();
}
