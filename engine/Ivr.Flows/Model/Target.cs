namespace Ivr.Flows.Model;

/// <summary>
/// A reference to a node as an editor wrote it: <c>node</c> (same flow) or <c>flow.node</c>.
/// The loader links it to the node it names (<see cref="Node"/>); a dangling one stays null and is reported.
/// </summary>
public sealed class Target(string text, SourceLocation location)
{
    public string Text { get; } = text;

    public SourceLocation Location { get; } = location;

    public Node? Node { get; set; }

    public override string ToString() => Text;
}
