using Ivr.Data.Rollups;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>The per-menu funnel from path facts (<see cref="PathFact"/>): a node counts as a menu when it is one
/// in the flow version the calls ran.</summary>
internal static class RollupFunnel
{
    public static IReadOnlyList<MenuFunnel> Of(IEnumerable<PathCount> paths, Func<string, string, bool> isMenu)
    {
        var menus = new Dictionary<string, (long Entered, long Abandoned, long Transferred, Dictionary<string, long> Choices)>(StringComparer.Ordinal);
        var facts = paths.Where(p => isMenu(p.FlowVersion, p.Node)).ToList();
        foreach (var p in facts.Where(p => p.Kind == PathFact.Entered))
            menus[p.Node] = menus.TryGetValue(p.Node, out var m) ? m with { Entered = m.Entered + p.Calls } : (p.Calls, 0, 0, new Dictionary<string, long>(StringComparer.Ordinal));
        foreach (var p in facts)
        {
            if (!menus.TryGetValue(p.Node, out var menu)) continue;
            switch (p.Kind)
            {
                case PathFact.Step:
                    menu.Choices[p.Next] = menu.Choices.GetValueOrDefault(p.Next) + p.Calls;
                    break;
                case PathFact.Abandoned:
                    menus[p.Node] = menu with { Abandoned = menu.Abandoned + p.Calls };
                    break;
                case PathFact.Transferred when !p.Next.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(n => isMenu(p.FlowVersion, n)):
                    menus[p.Node] = menu with { Transferred = menu.Transferred + p.Calls };
                    break;
            }
        }

        return menus
            .Select(m => new MenuFunnel(m.Key, (int)m.Value.Entered, (int)m.Value.Abandoned, (int)m.Value.Transferred,
                m.Value.Choices.Select(c => new MenuChoice(c.Key, (int)c.Value)).OrderByDescending(c => c.Calls).ThenBy(c => c.Node, StringComparer.Ordinal).ToList()))
            .OrderByDescending(m => m.Entered).ThenBy(m => m.Menu, StringComparer.Ordinal)
            .ToList();
    }
}
