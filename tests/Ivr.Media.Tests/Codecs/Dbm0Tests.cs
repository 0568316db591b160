using Ivr.Media.Codecs;

namespace Ivr.Media.Tests.Codecs;

public class Dbm0Tests
{
    [Fact]
    public void ReferenceAmplitude_IsMuLawOverloadMinus3Point17Db() =>
        Assert.InRange(Dbm0.ReferenceAmplitude, 22650, 22665);

    [Fact]
    public void Of_ZeroDbm0Sine_IsZero()
    {
        var sine = Enumerable.Range(0, 8000).Select(n => (short)Math.Round(Dbm0.ReferenceAmplitude * Math.Sin(2 * Math.PI * 1004 * n / 8000.0))).ToArray();
        Assert.InRange(Dbm0.Of(sine), -0.05, 0.05);
    }

    [Fact]
    public void SineAmplitude_Minus25Dbm0() => Assert.InRange(Dbm0.SineAmplitude(-25), 1273, 1275);

    [Fact]
    public void Of_Silence_IsFloor()
    {
        Assert.Equal(-120, Dbm0.Of(new short[160]));
        Assert.Equal(-120, Dbm0.Of([]));
    }
}
