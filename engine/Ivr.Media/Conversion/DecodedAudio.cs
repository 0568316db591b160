namespace Ivr.Media.Conversion;

/// <summary>Decoded audio mixed down to one channel of 16-bit samples at its own rate.</summary>
internal sealed record DecodedAudio(short[] Mono, int SampleRate, string Description)
{
    /// <summary>Averages interleaved float samples (−1…1) of <paramref name="channels"/> channels into 16-bit mono.</summary>
    public static short[] MixDown(ReadOnlySpan<float> interleaved, int channels)
    {
        var frames = interleaved.Length / channels;
        var mono = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++) sum += interleaved[i * channels + c];
            mono[i] = (short)Math.Clamp(MathF.Round(sum / channels * 32767f), short.MinValue, short.MaxValue);
        }

        return mono;
    }
}
