using Ivr.Flows.Loading;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// A draft laid out on disk as the flow loader reads a flow set: <c>ROOT/flows</c> (the serving flows with the draft's
/// files over them), <c>ROOT/prompts</c> (the prompt files linked, the draft's catalog written), <c>ROOT/fax</c> (a link to
/// the fax documents beside the flows) and <c>ROOT/replay</c> (the replay scripts with the draft's). Deleted on dispose.
/// </summary>
public sealed class DraftFolder : IDisposable
{
    private DraftFolder(string root) => Root = root;

    public string Root { get; }

    public string Flows => Path.Combine(Root, "flows");

    public string Prompts => Path.Combine(Root, "prompts");

    public string Replay => Path.Combine(Root, "replay");

    /// <param name="folders">The serving folders by draft top (<c>flows</c>, <c>prompts</c>, <c>replay</c>); a missing one is left empty.</param>
    public static DraftFolder Create(IReadOnlyDictionary<string, string> folders, IEnumerable<(string Path, string Content)> files)
    {
        var folder = new DraftFolder(Path.Combine(Path.GetTempPath(), "ivr-drafts", Guid.NewGuid().ToString("N")));
        try
        {
            foreach (var top in DraftPaths.Tops)
            {
                var target = Path.Combine(folder.Root, top);
                Directory.CreateDirectory(target);
                if (folders.TryGetValue(top, out var source) && Directory.Exists(source)) Mirror(source, target, link: top == "prompts");
            }

            if (folders.TryGetValue("flows", out var flows))
            {
                var fax = Path.Combine(FlowSetLoader.RepositoryRoot(flows), "fax");
                if (Directory.Exists(fax)) Directory.CreateSymbolicLink(Path.Combine(folder.Root, "fax"), Path.GetFullPath(fax));
            }

            foreach (var (path, content) in files)
            {
                if (DraftPaths.CheckPath(path) is not null) continue;
                var target = Path.Combine(folder.Root, Path.Combine(path.Split('/')));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (File.Exists(target)) File.Delete(target); // a link to the serving file must not be written through
                File.WriteAllText(target, content);
            }

            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Copies (or links, for audio) every file of <paramref name="source"/> except editors' hidden and backup files.</summary>
    private static void Mirror(string source, string target, bool link)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')) || relative.EndsWith('~')) continue;
            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (link) File.CreateSymbolicLink(to, Path.GetFullPath(file));
            else File.Copy(file, to);
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
