using Ivr.Flows.Loading;
using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>
/// Which nodes were menus in each flow version the report's calls ran (<see cref="Find"/>), from each version's own files
/// (<see cref="VersionMenuCache"/>). A version whose files are not in the history falls back to the menus of the version
/// serving now, by id, with the shape marked <see cref="MenuShape.FilesMissing"/>.
/// </summary>
public sealed class FunnelMenus(IReadOnlyDictionary<string, IReadOnlyDictionary<string, MenuShape>> byVersion, Func<string, bool> servingIsMenu)
{
    private readonly Dictionary<string, MenuShape?> _missing = new(StringComparer.Ordinal);

    /// <summary>The menu <paramref name="node"/> was in <paramref name="version"/>, or null when it was none.</summary>
    public MenuShape? Find(string version, string node)
    {
        if (byVersion.TryGetValue(version, out var menus)) return menus.GetValueOrDefault(node);
        if (_missing.TryGetValue(node, out var shape)) return shape;
        return _missing[node] = servingIsMenu(node) ? new MenuShape(node, [], [], FilesMissing: true) : null;
    }

    public bool IsMenu(string version, string node) => Find(version, node) is not null;

    /// <summary>The menus of a version's files (<see cref="NodeOutlines"/>), by node id.</summary>
    public static IReadOnlyDictionary<string, MenuShape> Of(IEnumerable<(string Path, string Content)> files)
        => NodeOutlines.Read(files).Values.Where(n => n.Kind == NodeKind.Menu).ToDictionary(n => n.Id,
            n => new MenuShape(n.Id, n.Prompt, n.Options.Select(o => new MenuOption(o.Key, o.Value)).ToList(), FilesMissing: false), StringComparer.Ordinal);
}
