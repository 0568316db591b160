using Ivr.Media.Resampling;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Resampling;

public sealed class PcmResamplerTests
{
    private static short[] Sine(double frequency, int rate, double seconds, double amplitude = 10000) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    [Fact]
    public void Resample_OneKilohertzTone_KeepsPitchLengthAndLevel()
    {
        var output = PcmResampler.Resample(Sine(1000, 22050, 1.0), 22050, 8000);

        Assert.InRange(output.Length, 7990, 8000);
        var middle = output.AsSpan(100, 7800);
        var crossings = 0;
        for (var i = 1; i < middle.Length; i++) if ((middle[i - 1] < 0) != (middle[i] < 0)) crossings++;
        Assert.InRange(crossings / 2.0 / (7800 / 8000.0), 990, 1010);
        Assert.InRange(Rms(middle), 10000 / Math.Sqrt(2) * 0.95, 10000 / Math.Sqrt(2) * 1.05);
    }

    [Theory]
    [InlineData(6000)]
    [InlineData(4300)]
    public void Resample_ToneAboveNewNyquist_IsFilteredOut(int frequency)
    {
        var output = PcmResampler.Resample(Sine(frequency, 22050, 0.5), 22050, 8000);

        Assert.True(Rms(output.AsSpan(100, output.Length - 200)) < 10000 / Math.Sqrt(2) * 0.05, $"{frequency} Hz must not alias into the 8 kHz output");
    }

    [Fact]
    public void Resample_ToneAtTheTopOfTheTelephoneBand_Passes()
    {
        var output = PcmResampler.Resample(Sine(3400, 22050, 0.5), 22050, 8000);

        Assert.InRange(Rms(output.AsSpan(100, output.Length - 200)), 10000 / Math.Sqrt(2) * 0.95, 10000 / Math.Sqrt(2) * 1.05);
    }

    [Fact]
    public void Resample_SameRate_CopiesInput() =>
        Assert.Equal(new short[] { 1, 2, 3 }, PcmResampler.Resample(new short[] { 1, 2, 3 }, 8000, 8000));

    /// <summary>
    /// A real prompt (8 kHz speech) taken up to espeak-ng's 22 050 Hz and back: what the prompt builder does
    /// without sox must keep the speech sample for sample, aligned (no filter delay), 35 dB above the error.
    /// </summary>
    [Fact]
    public void Resample_RealPromptThere_AndBack_KeepsTheSpeech()
    {
        var prompt = WavFile.Read(TestAudio.CommittedPrompts().Single(p => p.EndsWith("welcome.wav", StringComparison.Ordinal))).Samples;

        var up = PcmResampler.Resample(prompt, 8000, 22050);
        var back = PcmResampler.Resample(up, 22050, 8000);

        Assert.Equal(prompt.Length * 22050 / 8000, up.Length);
        Assert.InRange(back.Length, prompt.Length - 1, prompt.Length);
        double signal = 0, error = 0;
        for (var i = 100; i < back.Length - 100; i++)
        {
            signal += (double)prompt[i] * prompt[i];
            error += (double)(back[i] - prompt[i]) * (back[i] - prompt[i]);
        }

        Assert.True(signal > 0, "the prompt is silent");
        var snr = 10 * Math.Log10(signal / error);
        Assert.True(snr > 35, $"round trip keeps the speech only {snr:F1} dB above the error");
    }
}
