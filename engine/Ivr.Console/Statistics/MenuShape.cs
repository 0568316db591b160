namespace Ivr.OperationsConsole.Statistics;

/// <summary>A key of a menu and the node it leads to (<c>flow.node</c>).</summary>
public sealed record MenuOption(string Key, string Node);

/// <summary>
/// A menu as a flow version had it: its node id, prompt ids and keys. Two versions with the same menu unchanged give equal
/// shapes (one funnel row for both); a version whose files are gone from the history gives the id alone, marked
/// <see cref="FilesMissing"/>.
/// </summary>
public sealed record MenuShape(string Id, IReadOnlyList<string> Prompt, IReadOnlyList<MenuOption> Options, bool FilesMissing)
{
    private string Signature => field ??= string.Join('\n', [Id, FilesMissing ? "?" : "", string.Join(' ', Prompt),
        string.Join(' ', Options.Select(o => $"{o.Key}={o.Node}"))]);

    public bool Equals(MenuShape? other) => other is not null && Signature == other.Signature;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Signature);

    /// <summary>The key that leads to <paramref name="node"/>, or null (a timeout, a back key, another way out).</summary>
    public string? KeyTo(string node) => Options.FirstOrDefault(o => o.Node == node)?.Key;

    /// <summary>Orders two shapes of the same id: the known before the missing, then by their text.</summary>
    internal static int CompareSignatures(MenuShape a, MenuShape b) => string.CompareOrdinal(a.Signature, b.Signature);
}
