namespace Ivr.OperationsConsole.Statistics;

/// <summary>What one menu (one <see cref="MenuShape"/>) counted, and the flow versions whose calls entered it.</summary>
internal sealed class FunnelTally
{
    public long Entered { get; set; }

    public long Abandoned { get; set; }

    public long Transferred { get; set; }

    public Dictionary<string, long> Choices { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>The funnel rows: most entered first, then by menu id; a menu changed between versions is one row per shape.</summary>
    public static IReadOnlyList<MenuFunnel> Rows(IReadOnlyDictionary<MenuShape, FunnelTally> menus)
        => menus
            .OrderByDescending(m => m.Value.Entered).ThenBy(m => m.Key.Id, StringComparer.Ordinal)
            .ThenBy(m => m.Key, Comparer<MenuShape>.Create(MenuShape.CompareSignatures))
            .Select(m => new MenuFunnel(m.Key.Id, (int)m.Value.Entered, (int)m.Value.Abandoned, (int)m.Value.Transferred,
                m.Value.Choices.Select(c => new MenuChoice(c.Key, (int)c.Value, m.Key.KeyTo(c.Key)))
                    .OrderByDescending(c => c.Calls).ThenBy(c => c.Node, StringComparer.Ordinal).ToList(),
                m.Key.Prompt, m.Key.Options, [.. m.Value.Versions], m.Key.FilesMissing))
            .ToList();
}
