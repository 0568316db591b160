namespace Ivr.OperationsConsole.Work;

/// <summary>
/// Finds a voice message's WAV from its stored name (relative to the recordings folder). One node keeps its
/// recordings in the folder itself; nodes sharing a folder (<c>ivr serve --recordings DIR</c>) each record into
/// their own subfolder <c>DIR/NODE-ID</c>, so a message recorded on another node is found one level down.
/// Names are Call-ID based and unique across nodes; a name that leads outside the folder is never opened.
/// </summary>
internal static class RecordingFile
{
    /// <summary>The recording's full path; null when no such file is in the folder or one of its node subfolders.</summary>
    public static string? Find(string folder, string recording)
    {
        if (Inside(folder, recording) is not { } own) return null;
        if (File.Exists(own)) return own;
        if (!Directory.Exists(folder)) return null;
        foreach (var node in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (Inside(node, recording) is { } path && File.Exists(path)) return path;
        }

        return null;
    }

    /// <summary>The full path of <paramref name="recording"/> in <paramref name="folder"/>, or null when the stored name points outside it.</summary>
    public static string? Inside(string folder, string recording)
    {
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, recording));
        return full.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
