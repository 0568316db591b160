namespace Ivr.Media.Wav;

/// <summary>
/// Finishes a WAV its recorder never finished (the process was killed while it recorded; <see cref="StreamedWavWriter"/>):
/// the audio is whatever the file holds after the header, and the header gets the sizes that length gives.
/// </summary>
public static class WavRepair
{
    /// <summary>Whether <paramref name="path"/> is one of our streamed WAVs still carrying placeholder sizes.</summary>
    public static bool IsUnfinished(string path)
    {
        using var file = File.OpenRead(path);
        return WavHeader.IsUnfinished(file);
    }

    /// <summary>Patches the sizes of an unfinished WAV; returns the samples it holds, or null when the file is not one.</summary>
    public static long? Finish(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        if (!WavHeader.IsUnfinished(file)) return null;
        var dataBytes = (file.Length - WavHeader.Length) & ~1L;
        WavHeader.Patch(file, dataBytes);
        file.Flush(flushToDisk: true);
        return dataBytes / 2;
    }
}
