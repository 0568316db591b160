using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Playout;

public class ToneTests
{
    [Fact]
    public void Beep_Is250MsAtAboutMinus10Dbm0WithSoftEdges()
    {
        var beep = Tone.Beep();
        Assert.Equal(2000, beep.Length);
        Assert.InRange(Dbm0.Of(beep.AsSpan(100, 1600)), -10.1, -9.9);
        Assert.InRange(Math.Abs((int)beep[0]), 0, 1);
        Assert.InRange(Math.Abs((int)beep[^1]), 0, 400);
    }

    [Theory]
    [InlineData(0.0, 100, -10)]
    [InlineData(4000.0, 100, -10)]
    [InlineData(1000.0, -1, -10)]
    [InlineData(1000.0, 100, 4)]
    public void Sine_BadArguments_Throw(double hz, int ms, double dbm0) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tone.Sine(hz, TimeSpan.FromMilliseconds(ms), dbm0));

    [Theory]
    [InlineData('1')]
    [InlineData('#')]
    [InlineData('d')]
    public void Dtmf_IsDetectedAsItsKey(char key)
    {
        var samples = Tone.Dtmf(key, TimeSpan.FromMilliseconds(80));
        Assert.Equal(640, samples.Length);
        Assert.InRange(Dbm0.Of(samples.AsSpan(80, 480)), -4.3, -3.7); // two tones at −7 dBm0 each
        var padded = new short[2000];
        samples.CopyTo(padded, 500);
        Assert.Equal(char.ToUpperInvariant(key).ToString(), DetectorRun.Keys(padded));
    }

    [Fact]
    public void Dtmf_NotAKey_Throws() =>
        Assert.Throws<ArgumentException>(() => Tone.Dtmf('E', TimeSpan.FromMilliseconds(80)));
}
