using Ivr.Flows.Prompts;

namespace Ivr.Flows.Tests.Prompts;

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

    [Fact]
    public void Resample_ToneAboveNewNyquist_IsFilteredOut()
    {
        var output = PcmResampler.Resample(Sine(6000, 22050, 0.5), 22050, 8000);

        Assert.True(Rms(output.AsSpan(100, output.Length - 200)) < 10000 / Math.Sqrt(2) * 0.05, "6 kHz must not alias into the 8 kHz output");
    }

    [Fact]
    public void Resample_SameRate_CopiesInput() =>
        Assert.Equal(new short[] { 1, 2, 3 }, PcmResampler.Resample(new short[] { 1, 2, 3 }, 8000, 8000));
}
