namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// Test oracle for what a caller heard: G.711 µ-law decoding (ITU-T G.711 §3, written here
/// independently of the engine's codec), 16-bit PCM WAV reading and 10 ms energy envelopes.
/// </summary>
public static class AudioEnvelope
{
    /// <summary>Samples per envelope frame: 10 ms at 8 kHz.</summary>
    public const int FrameSamples = 80;

    /// <summary>Decodes one µ-law byte to a linear 16-bit sample (G.711 µ-law, bias 0x84).</summary>
    public static short DecodeMuLaw(byte encoded)
    {
        var u = ~encoded & 0xFF;
        var sign = u & 0x80;
        var exponent = (u >> 4) & 0x07;
        var mantissa = u & 0x0F;
        var magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return (short)(sign != 0 ? -magnitude : magnitude);
    }

    public static short[] DecodeMuLaw(ReadOnlySpan<byte> encoded)
    {
        var samples = new short[encoded.Length];
        for (var i = 0; i < encoded.Length; i++) samples[i] = DecodeMuLaw(encoded[i]);
        return samples;
    }

    /// <summary>Reads the samples of a mono 16-bit PCM 8 kHz WAV file; a clear error for anything else.</summary>
    public static short[] ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || System.Text.Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || System.Text.Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file");
        var offset = 12;
        var format = (channels: 0, rate: 0, bits: 0);
        while (offset + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BitConverter.ToInt32(bytes, offset + 4);
            var body = offset + 8;
            if (size < 0 || body + size > bytes.Length) size = bytes.Length - body;
            if (id == "fmt ")
                format = (BitConverter.ToInt16(bytes, body + 2), BitConverter.ToInt32(bytes, body + 4), BitConverter.ToInt16(bytes, body + 14));
            else if (id == "data")
            {
                if (format != (1, 8000, 16)) throw new InvalidDataException($"{path}: expected mono 8 kHz 16-bit PCM, got {format}");
                var samples = new short[size / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(bytes, body + 2 * i);
                return samples;
            }

            offset = body + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk");
    }

    /// <summary>RMS of each 10 ms frame (the last partial frame is dropped).</summary>
    public static double[] Envelope(ReadOnlySpan<short> samples)
    {
        var frames = new double[samples.Length / FrameSamples];
        for (var f = 0; f < frames.Length; f++)
        {
            double sum = 0;
            foreach (var s in samples.Slice(f * FrameSamples, FrameSamples)) sum += (double)s * s;
            frames[f] = Math.Sqrt(sum / FrameSamples);
        }

        return frames;
    }
}
