using System.Runtime.InteropServices;

namespace Ivr.Media.Wav;

/// <summary>
/// A 16-bit mono PCM WAV written while it is recorded: the header goes out first with placeholder sizes
/// (<see cref="WavHeader"/>), each <see cref="Append"/> is one write to the file (callers batch: a second of audio at a
/// time, not a 20 ms frame), and <see cref="Finish"/> cuts the file to the audio kept, patches the sizes and syncs it
/// to disk. A process killed in between leaves every appended sample in the file; <see cref="WavRepair"/> patches it.
/// Not thread-safe: one owner (a call's serial queue).
/// </summary>
public sealed class StreamedWavWriter : IDisposable
{
    private readonly FileStream _file;
    private bool _closed;

    private StreamedWavWriter(FileStream file) => _file = file;

    public string Path => _file.Name;

    public long SamplesWritten { get; private set; }

    /// <summary>Writes made to the file so far (header, appends, the two sizes patched), for measuring.</summary>
    public int Writes { get; private set; }

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header with placeholder sizes.</summary>
    public static StreamedWavWriter Create(string path, int sampleRate = 8000)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0); // no buffer: one write per Append
        try
        {
            file.Write(WavHeader.Streaming(sampleRate));
            return new StreamedWavWriter(file) { Writes = 1 };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends samples with one write (little-endian, as WAV wants).</summary>
    public void Append(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (samples.IsEmpty) return;
        if (BitConverter.IsLittleEndian) _file.Write(MemoryMarshal.AsBytes(samples));
        else
        {
            var bytes = new byte[samples.Length * 2];
            for (var i = 0; i < samples.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
            _file.Write(bytes);
        }

        SamplesWritten += samples.Length;
        Writes++;
    }

    /// <summary>Keeps the first <paramref name="keptSamples"/> samples (a recording trimmed of its trailing silence), writes the sizes, syncs and closes.</summary>
    public void Finish(long keptSamples)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        WavHeader.Patch(_file, Math.Min(keptSamples, SamplesWritten) * 2);
        Writes += 2; // the two sizes
        _file.Flush(flushToDisk: true);
        Dispose();
    }

    /// <summary>Closes without patching (the file stays as a crash would leave it); see <see cref="Finish"/>.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _file.Dispose();
    }
}
