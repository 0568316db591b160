using System.Security.Cryptography;
using System.Text;

namespace Ivr.Flows.Loading;

/// <summary>
/// <see cref="Model.FlowSet.Version"/>: the first 12 hex digits of SHA-256 over each loaded file's
/// relative path and content, in path order. Same files, same version; any change, a new one.
/// </summary>
internal sealed class ContentHash
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Adds a file under a stable name such as <c>flows/main.yaml</c> or <c>prompts/welcome.wav</c>.</summary>
    public void Add(string relativePath, byte[] content) => _files[relativePath.Replace('\\', '/')] = content;

    /// <summary>Adds every file under <paramref name="directory"/>, named <paramref name="prefix"/>/relative path.</summary>
    public void AddDirectory(string prefix, string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || name.EndsWith('~')) continue; // editor swap and backup files
            try
            {
                Add($"{prefix}/{Path.GetRelativePath(directory, file)}", File.ReadAllBytes(file));
            }
            catch (IOException)
            {
                // A file being written right now; the watcher reloads again once it is saved.
            }
        }
    }

    /// <summary>Adds every file of <paramref name="other"/>.</summary>
    public void AddAll(ContentHash other)
    {
        foreach (var (path, content) in other._files) _files[path] = content;
    }

    /// <summary>The version: the first 12 hex digits of <see cref="ComputeFull"/>.</summary>
    public string Compute() => ComputeFull()[..12];

    public string ComputeFull()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var (path, content) in _files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path));
            sha.AppendData([0]);
            BitConverter.TryWriteBytes(length, (long)content.Length);
            sha.AppendData(length);
            sha.AppendData(content);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
