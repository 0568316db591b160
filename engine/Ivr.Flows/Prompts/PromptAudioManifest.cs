using System.Security.Cryptography;
using System.Text;

namespace Ivr.Flows.Prompts;

/// <summary>
/// prompts/&lt;language&gt;/audio.manifest: which audio file was made from which text, one line per prompt:
/// <c>id &lt;sha256&gt;</c> for synthesized audio (SHA-256 of the UTF-8 bytes of voice + "\n" + text,
/// lowercase hex), or <c>id human</c> for audio recorded by a person, which the builder never
/// overwrites. Lines starting with # are comments.
/// </summary>
public sealed class PromptAudioManifest
{
    public const string Human = "human";
    public const string FileName = "audio.manifest";

    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Entries => _entries;

    public static string Hash(string voice, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(voice + "\n" + text)));

    /// <summary>Reads a manifest; a missing file is an empty manifest. Malformed lines are errors.</summary>
    public static PromptAudioManifest Load(string path, List<Diagnostic> diagnostics)
    {
        var manifest = new PromptAudioManifest();
        if (!File.Exists(path)) return manifest;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = new SourceLocation(path, lineNumber, 1);
            if (parts.Length != 2 || !(parts[1] == Human || IsHash(parts[1])))
                diagnostics.Add(Diagnostic.Error(at, $"manifest line '{line}' must be '<id> human' or '<id> <64 hex digits>'; fix or delete the line"));
            else if (!manifest._entries.TryAdd(parts[0], parts[1]))
                diagnostics.Add(Diagnostic.Error(at, $"prompt '{parts[0]}' is listed twice; keep one line"));
        }

        return manifest;
    }

    public bool IsHuman(string id) => _entries.TryGetValue(id, out var value) && value == Human;

    public string? HashOf(string id) => _entries.TryGetValue(id, out var value) && value != Human ? value : null;

    public void SetHash(string id, string hash) => _entries[id] = hash;

    /// <summary>Marks <paramref name="id"/> as recorded by a person: the builder never synthesizes over it.</summary>
    public void SetHuman(string id) => _entries[id] = Human;

    public bool Remove(string id) => _entries.Remove(id);

    public void Save(string path)
    {
        var text = new StringBuilder()
            .Append("# Audio manifest: '<id> <sha256 of voice+\"\\n\"+text>' = synthesized by PromptAudioBuilder,\n")
            .Append("# '<id> human' = recorded by a person, never overwritten. Written by the builder; edit only to mark 'human'.\n");
        foreach (var (id, value) in _entries) text.Append(id).Append(' ').Append(value).Append('\n');
        Ivr.Core.Files.AtomicFile.WriteText(path, text.ToString());
    }

    private static bool IsHash(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);
}
