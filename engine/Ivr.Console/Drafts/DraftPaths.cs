using System.Text;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// Which files a draft may hold and what content is accepted: text files (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>) under
/// <c>flows/</c>, <c>prompts/</c> (the prompt catalog) or <c>replay/</c> (the replay scripts), by a relative path that stays
/// inside its folder; UTF-8 text of at most <see cref="MaxBytes"/>, without NUL or other control characters.
/// </summary>
public static class DraftPaths
{
    /// <summary>The largest file a draft takes (the shipped flows are ≤ 20 KiB each).</summary>
    public const int MaxBytes = 256 * 1024;

    public static readonly IReadOnlyList<string> Tops = ["flows", "prompts", "replay"];

    private static readonly string[] TextExtensions = [".yaml", ".yml", ".json"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>Why the path is refused, or null when it names a file of the flow set.</returns>
    public static string? CheckPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 200) return "a path is 1 to 200 characters";
        if (path.StartsWith('/') || path.Contains('\\') || path.Contains(':')) return "a path is relative to the flow set, with / between folders";
        var parts = path.Split('/');
        if (parts.Length < 2 || !Tops.Contains(parts[0])) return $"a path starts with {string.Join("/, ", Tops)}/";
        if (parts.Any(p => p is "" or "." or ".." || p.StartsWith('.'))) return "a path has no empty, '.', '..' or hidden parts";
        if (!TextExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)) return "a draft holds text files: .yaml, .yml or .json";
        return null;
    }

    /// <returns>Why the path is refused, or null when it names what publishing a draft writes besides its text files: a
    /// prompt's audio regenerated in the draft (<c>prompts/ID.wav</c>) or the audio manifest (<c>prompts/audio.manifest</c>).</returns>
    public static string? CheckAudioPath(string path)
    {
        var parts = path.Split('/');
        if (parts is not ["prompts", var name]) return "prompt audio lies beside the catalog: prompts/ID.wav";
        if (name == Ivr.Flows.Prompts.PromptAudioManifest.FileName) return null;
        var id = name.EndsWith(".wav", StringComparison.Ordinal) ? name[..^4] : "";
        return id.Length is > 0 and <= 64 && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? null
            : "a prompt's audio is prompts/ID.wav, ID of a-z, 0-9 and _";
    }

    /// <returns>Why the content is refused, or null when it is UTF-8 text within the limit.</returns>
    public static string? CheckContent(string content)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(content);
        }
        catch (EncoderFallbackException)
        {
            return "the content is not valid UTF-8 text";
        }

        if (bytes.Length > MaxBytes) return $"a file is at most {MaxBytes / 1024} KiB";
        if (content.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) return "the content is binary, not text (control characters)";
        return null;
    }
}
