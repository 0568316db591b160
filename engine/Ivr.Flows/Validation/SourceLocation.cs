namespace Ivr.Flows.Validation;

/// <summary>Where something stands in an editor's file (1-based line and column).</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public static SourceLocation File(string path) => new(path, 0, 0);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}
