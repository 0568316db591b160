using Ivr.Flows.Prompts;

namespace Ivr.Flows.Tests.Prompts;

public sealed class PeakNormalizerTests
{
    [Theory]
    [InlineData(32767)]
    [InlineData(1000)]
    public void Normalize_AnyLevel_PeaksAtMinusThreeDecibels(short peak)
    {
        short[] samples = [0, (short)(peak / 2), (short)-peak, peak];

        var output = PeakNormalizer.Normalize(samples);

        Assert.Equal(23166, output.Max(s => Math.Abs((int)s)), tolerance: 1);
        Assert.Equal(0, output[0]);
        Assert.Equal(output[3] / 2.0, output[1], tolerance: 1);
    }

    [Fact]
    public void Normalize_Silence_StaysSilent() => Assert.All(PeakNormalizer.Normalize(new short[10]), s => Assert.Equal(0, s));
}
