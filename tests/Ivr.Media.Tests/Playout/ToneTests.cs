using Ivr.Media.Codecs;
using Ivr.Media.Playout;

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
}
