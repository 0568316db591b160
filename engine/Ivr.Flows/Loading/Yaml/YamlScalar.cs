namespace Ivr.Flows.Loading.Yaml;

/// <summary>
/// A scalar as written. <see cref="Text"/> is null for YAML's null (<c>null</c>, <c>~</c> or nothing,
/// unquoted). <see cref="ContentColumnOffset"/> is 1 for quoted scalars so that a column inside the
/// text can be mapped back onto the file.
/// </summary>
public sealed class YamlScalar(SourceLocation location, string? text, bool quoted, bool singleLine) : YamlValue(location)
{
    public string? Text { get; } = text;

    public bool Quoted { get; } = quoted;

    /// <summary>True when the scalar sits on one line, so columns inside it map onto the file exactly.</summary>
    public bool SingleLine { get; } = singleLine;

    public bool IsNull => Text is null;

    public int ContentColumnOffset => Quoted ? 1 : 0;

    /// <summary>Where the character at <paramref name="column"/> (1-based, inside the text) stands in the file.</summary>
    public SourceLocation At(int column) =>
        SingleLine ? Location with { Column = Location.Column + ContentColumnOffset + column - 1 } : Location;

    public override string Describe() => IsNull ? "nothing (null)" : $"'{Text}'";

    public override string ToString() => Text ?? "null";
}
