namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// A menu whose keys come from a catalog (<c>options_from: fax_documents</c>): key 1 is the first
/// entry, key 2 the second …; the chosen entry's id goes into <see cref="Into"/> and the call goes on
/// to <see cref="Next"/>. The loader fills <see cref="Values"/> and the menu's options when it links
/// the set, so a new catalog entry needs no flow edit.
/// </summary>
public sealed class GeneratedOptions(string source, string into, Target next)
{
    public string Source { get; } = source;

    public string Into { get; } = into;

    public Target Next { get; } = next;

    /// <summary>The catalog ids in key order: <c>Values[0]</c> for key 1.</summary>
    public IReadOnlyList<string> Values { get; internal set; } = [];

    /// <summary>The id chosen with <paramref name="key"/>, or null.</summary>
    public string? ValueOf(string key) =>
        int.TryParse(key, out var n) && n >= 1 && n <= Values.Count ? Values[n - 1] : null;
}
