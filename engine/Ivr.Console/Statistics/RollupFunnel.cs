using Ivr.Data.Rollups;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>The per-menu funnel from path facts (<see cref="PathFact"/>): a node counts as a menu, and as which menu,
/// by the flow version the calls ran (<see cref="FunnelMenus"/>).</summary>
internal static class RollupFunnel
{
    public static IReadOnlyList<MenuFunnel> Of(IEnumerable<PathCount> paths, FunnelMenus menus)
    {
        var tallies = new Dictionary<MenuShape, FunnelTally>();
        var facts = paths.Select(p => (Fact: p, Menu: menus.Find(p.FlowVersion, p.Node))).Where(f => f.Menu is not null).ToList();
        foreach (var (p, menu) in facts.Where(f => f.Fact.Kind == PathFact.Entered))
        {
            if (!tallies.TryGetValue(menu!, out var tally)) tallies[menu!] = tally = new FunnelTally();
            tally.Entered += p.Calls;
            tally.Versions.Add(p.FlowVersion);
        }

        foreach (var (p, menu) in facts)
        {
            if (!tallies.TryGetValue(menu!, out var tally)) continue;
            switch (p.Kind)
            {
                case PathFact.Step:
                    tally.Choices[p.Next] = tally.Choices.GetValueOrDefault(p.Next) + p.Calls;
                    break;
                case PathFact.Abandoned:
                    tally.Abandoned += p.Calls;
                    break;
                case PathFact.Transferred when !p.Next.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(n => menus.IsMenu(p.FlowVersion, n)):
                    tally.Transferred += p.Calls;
                    break;
            }
        }

        return FunnelTally.Rows(tallies);
    }
}
