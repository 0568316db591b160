using System.Collections.Concurrent;
using Ivr.Data.Operations;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>
/// The menus of each flow version, read from the history's files once per version and kept: a version is
/// content-addressed, so its files never change. A version not (yet) in the history is asked again next time.
/// </summary>
public sealed class VersionMenuCache(IvrDatabase database)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, MenuShape>> _menus = new(StringComparer.Ordinal);

    /// <param name="servingIsMenu">Whether a node is a menu in the version serving now: the guess for versions whose files are gone.</param>
    public async Task<FunnelMenus> ForAsync(IEnumerable<string> versions, Func<string, bool> servingIsMenu, CancellationToken cancellation)
    {
        var known = new Dictionary<string, IReadOnlyDictionary<string, MenuShape>>(StringComparer.Ordinal);
        var wanted = versions.Distinct(StringComparer.Ordinal).ToList();
        foreach (var version in wanted) if (_menus.TryGetValue(version, out var cached)) known[version] = cached;
        var missing = wanted.Where(v => !known.ContainsKey(v)).ToList();
        if (missing.Count > 0)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var repository = new FlowVersionRepository(connection);
            foreach (var version in missing)
            {
                var files = await repository.FilesAsync(version, cancellation);
                if (files.Count == 0) continue;
                known[version] = _menus[version] = FunnelMenus.Of(files.Select(f => (f.Path, f.Content)));
            }
        }

        return new FunnelMenus(known, servingIsMenu);
    }
}
