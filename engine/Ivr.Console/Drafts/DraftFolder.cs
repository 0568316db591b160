using Ivr.Flows.Loading;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// A draft laid out on disk as the flow loader reads a flow set: <c>ROOT/flows</c> (the serving flows with the draft's
/// files over them), <c>ROOT/prompts</c> (the prompt files linked, the draft's catalog written), <c>ROOT/fax</c> (a link to
/// the fax documents beside the flows) and <c>ROOT/replay</c> (the replay scripts with the draft's). Deleted on dispose.
/// A draft that changes no prompt file reads the serving prompts folder itself, and the replay scripts are laid out only
/// when asked for: validating while typing lays out only the flows (a few dozen small files).
/// </summary>
public sealed class DraftFolder : IDisposable
{
    private DraftFolder(string root, string prompts)
    {
        Root = root;
        Prompts = prompts;
    }

    public string Root { get; }

    public string Flows => Path.Combine(Root, "flows");

    public string Prompts { get; }

    /// <summary>Whether <see cref="Prompts"/> is the draft's own folder (it changes the catalog: the audio files are links to the
    /// serving ones, which a regenerated file replaces) rather than the serving folder itself.</summary>
    public bool OwnsPrompts => Prompts.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public string Replay => Path.Combine(Root, "replay");

    /// <param name="folders">The serving folders by draft top (<c>flows</c>, <c>prompts</c>, <c>replay</c>); a missing one is left empty.</param>
    /// <param name="withReplay">Lay out the replay scripts too (the replay gate).</param>
    public static DraftFolder Create(IReadOnlyDictionary<string, string> folders, IReadOnlyCollection<(string Path, string Content)> files, bool withReplay = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "ivr-drafts", Guid.NewGuid().ToString("N"));
        var ownPrompts = files.Any(f => f.Path.StartsWith("prompts/", StringComparison.Ordinal)) || !folders.ContainsKey("prompts");
        var folder = new DraftFolder(root, ownPrompts ? Path.Combine(root, "prompts") : folders["prompts"]);
        try
        {
            foreach (var top in DraftPaths.Tops)
            {
                if ((top == "prompts" && !ownPrompts) || (top == "replay" && !withReplay)) continue;
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
                if (DraftPaths.CheckPath(path) is not null || (!withReplay && path.StartsWith("replay/", StringComparison.Ordinal))) continue;
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
