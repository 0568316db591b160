namespace Ivr.Flows.Model;

/// <summary>
/// A flow variable editors switch on and off from the console (<c>switches:</c> in a flow file), e.g. the
/// hotline announcement. Its value is "true" or "false"; <see cref="Default"/> is the value the flow's
/// <c>variables:</c> gives it. An <see cref="Instant"/> switch takes effect on new calls as soon as an editor
/// flips it; any other needs a reviewed change.
/// </summary>
public sealed record FlowSwitch(string Name, string Flow, bool Instant, string? Description, string Default, SourceLocation Location)
{
    public const string On = "true";
    public const string Off = "false";

    public static bool IsValue(string? value) => value is On or Off;

    /// <summary>The value a call starts with: the editors' (<paramref name="flipped"/>, by name) when it is one, else <see cref="Default"/>.</summary>
    public string ValueFrom(IReadOnlyDictionary<string, string>? flipped)
        => flipped is not null && flipped.TryGetValue(Name, out var value) && IsValue(value) ? value : Default;
}
