using Ivr.Data.FlowSets;
using Ivr.Flows.Loading;

namespace Ivr.Host.Hosting;

/// <summary>
/// A flow set as files: the flows folder (<c>flows/…</c>), the prompts folder (<c>prompts/…</c>) and the fax
/// folder beside the flows (<c>fax/…</c>: the documents the fax catalog names, relative to the flows' parent).
/// <see cref="Write"/> lays such files out again under one root, where the flow loader reads them exactly as it
/// read the originals — the same content gives the same flow-set version.
/// </summary>
public static class FlowSetBundle
{
    private static readonly string[] Tops = ["flows", "prompts", "fax"];

    public static IReadOnlyList<FlowSetFile> Read(string flowsDirectory, string promptsDirectory)
    {
        var fax = Path.Combine(FlowSetLoader.RepositoryRoot(flowsDirectory), "fax");
        var files = new List<FlowSetFile>();
        foreach (var (top, folder) in new[] { ("flows", flowsDirectory), ("prompts", promptsDirectory), ("fax", fax) })
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (relative.Split('/').Any(part => part.StartsWith('.')) || relative.EndsWith('~')) continue; // editors' swap and backup files
                files.Add(new FlowSetFile($"{top}/{relative}", File.ReadAllBytes(file)));
            }
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes <paramref name="files"/> under <paramref name="root"/> (created); refuses a path that would leave it.</summary>
    public static void Write(IEnumerable<FlowSetFile> files, string root)
    {
        var full = Path.GetFullPath(root);
        foreach (var file in files)
        {
            var parts = file.Path.Split('/');
            if (parts.Length < 2 || !Tops.Contains(parts[0]) || parts.Any(p => p is "" or "." or ".." || p.Contains('\\')))
                throw new InvalidDataException($"a published flow set holds a file outside flows/, prompts/ and fax/: '{file.Path}'");
            var target = Path.GetFullPath(Path.Combine(full, Path.Combine(parts)));
            if (!target.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"a published flow set holds a file outside its folder: '{file.Path}'");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Content);
        }

        foreach (var top in Tops) Directory.CreateDirectory(Path.Combine(full, top));
    }
}
