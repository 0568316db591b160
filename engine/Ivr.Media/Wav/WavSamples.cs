using System.Buffers.Binary;
using Ivr.Media.Codecs;

namespace Ivr.Media.Wav;

/// <summary>The first channel of a WAV data chunk as 16-bit linear samples (G.711 through the codec tables).</summary>
internal static class WavSamples
{
    public static short[] FirstChannel(ReadOnlySpan<byte> data, WavEncoding encoding, int channels)
    {
        var bytesPerFrame = (encoding == WavEncoding.Pcm ? 2 : 1) * channels;
        var samples = new short[data.Length / bytesPerFrame];
        for (var i = 0; i < samples.Length; i++)
        {
            var at = i * bytesPerFrame;
            samples[i] = encoding switch
            {
                WavEncoding.Pcm => BinaryPrimitives.ReadInt16LittleEndian(data[at..]),
                WavEncoding.MuLaw => MuLaw.Decode(data[at]),
                _ => ALaw.Decode(data[at]),
            };
        }

        return samples;
    }
}
