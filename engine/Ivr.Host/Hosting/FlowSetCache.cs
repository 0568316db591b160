using Ivr.Data.FlowSets;

namespace Ivr.Host.Hosting;

/// <summary>
/// Published flow sets laid out on this node's disk, one folder per version under <c>DATA/flowsets</c>, written
/// once (into a staging folder, then renamed: a crash never leaves half a version) and read by the flow loader.
/// The newest few are kept so that calls still running on an older version keep their prompts.
/// </summary>
public sealed class FlowSetCache(string directory)
{
    private const int Kept = 5;

    public string Directory { get; } = directory;

    /// <summary>A fresh staging folder inside the cache (same file system, so <see cref="Keep"/> is a rename).</summary>
    public string NewStaging()
    {
        var staging = Path.Combine(Directory, $".staging-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>The folder of <paramref name="version"/>, written from <paramref name="files"/> when this node does not hold it yet.</summary>
    public async Task<string> MaterialiseAsync(string version, Func<Task<IReadOnlyList<FlowSetFile>>> files)
    {
        var folder = FolderOf(version);
        if (System.IO.Directory.Exists(folder)) return folder;
        var staging = NewStaging();
        FlowSetBundle.Write(await files(), staging);
        return Keep(staging, version);
    }

    /// <summary>Makes a written staging folder the version's folder (or drops it when another writer got there first).</summary>
    public string Keep(string staging, string version)
    {
        var folder = FolderOf(version);
        try
        {
            System.IO.Directory.Move(staging, folder);
        }
        catch (IOException) when (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }

        Prune(version);
        return folder;
    }

    private string FolderOf(string version)
    {
        if (version.Length == 0 || version.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            throw new InvalidDataException($"a flow-set version must be letters and digits, not '{version}'");
        return Path.Combine(Directory, version);
    }

    private void Prune(string current)
    {
        var old = new DirectoryInfo(Directory).GetDirectories()
            .Where(d => d.Name != current)
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(Kept - 1);
        foreach (var folder in old)
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
