using System.Security.Cryptography;

namespace Ivr.Fax.Rendering;

/// <summary>
/// What each rendered fax file was made from (<c>fax/rendered/render.manifest</c>, committed with the files):
/// one line per document, <c>id sha256-of-source layout-version</c>. A document is rendered again when its
/// source or the layout changed, or its TIFF is missing. Lines it cannot read are ignored (so re-rendered).
/// </summary>
public sealed class RenderManifest
{
    public const string FileName = "render.manifest";

    /// <summary>Bump when the page layout or Ghostscript settings change: every document is rendered again.</summary>
    public const string LayoutVersion = "layout-1";

    private readonly Dictionary<string, string> _entries;

    private RenderManifest(string path, Dictionary<string, string> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    public static RenderManifest Load(string path)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 3 && !line.StartsWith('#')) entries[parts[0]] = $"{parts[1]} {parts[2]}";
            }
        }

        return new RenderManifest(path, entries);
    }

    public static string Fingerprint(string sourcePath) => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(sourcePath)))} {LayoutVersion}";

    /// <summary>Whether <paramref name="output"/> exists and was made from this very source with this layout.</summary>
    public bool IsCurrent(string id, string sourcePath, string output) =>
        File.Exists(output) && _entries.TryGetValue(id, out var made) && made == Fingerprint(sourcePath);

    public void Record(string id, string sourcePath) => _entries[id] = Fingerprint(sourcePath);

    public void Save()
    {
        var lines = new List<string> { "# id sha256-of-source layout — written by `ivr fax render`; do not edit" };
        lines.AddRange(_entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));
        File.WriteAllLines(Path, lines);
    }
}
