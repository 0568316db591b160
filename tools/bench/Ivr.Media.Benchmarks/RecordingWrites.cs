using Ivr.Media.Wav;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// Writes to the file while a message is recorded (issue 14): <paramref name="seconds"/> of 8 kHz audio arrive as
/// 20 ms frames and are appended once a second, as a call's recording does (<see cref="StreamedWavWriter"/>, no
/// buffer: one write per append), then the file is finished. Prints the writes made; run it under
/// <c>strace -f -c -e trace=write,pwrite64,ftruncate,fsync</c> to count the system calls themselves.
/// </summary>
internal static class RecordingWrites
{
    public static void Print(TextWriter output, int seconds = 60)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ivr-recording-writes-{Environment.ProcessId}.wav");
        var heard = new short[seconds * 8000];
        var writer = StreamedWavWriter.Create(path);
        for (var frame = 1; frame <= seconds * 50; frame++)
        {
            heard.AsSpan((frame - 1) * 160, 160).Fill((short)(frame % 2000));
            if (frame % 50 == 0) writer.Append(heard.AsSpan((int)writer.SamplesWritten, frame * 160 - (int)writer.SamplesWritten));
        }

        writer.Finish(heard.Length);
        var writes = writer.Writes;
        var samples = WavFile.Read(path).Samples.Length;
        File.Delete(path);
        output.WriteLine($"{seconds} s recorded ({samples} samples read back): {writes} writes to the file = {(double)writes / seconds:F2} per second of audio (1 header, {seconds} appends, 2 sizes patched; plus 1 ftruncate and 1 fsync at the end)");
    }
}
