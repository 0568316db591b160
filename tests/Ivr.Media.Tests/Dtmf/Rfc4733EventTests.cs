using Ivr.Media.Dtmf;

namespace Ivr.Media.Tests.Dtmf;

public class Rfc4733EventTests
{
    [Fact]
    public void TryParse_ReadsEventEndVolumeDuration()
    {
        Assert.True(Rfc4733Event.TryParse([0x05, 0x8A, 0x03, 0x20], out var value));
        Assert.Equal(new Rfc4733Event(5, true, 10, 800), value);
        Assert.Equal('5', value.Key);
    }

    [Fact]
    public void TryParse_ReservedBitIgnored()
    {
        Assert.True(Rfc4733Event.TryParse([0x0B, 0x4A, 0x00, 0xA0], out var value));
        Assert.Equal(new Rfc4733Event(11, false, 10, 160), value);
        Assert.Equal('#', value.Key);
    }

    [Fact]
    public void TryParse_TooShort_False() => Assert.False(Rfc4733Event.TryParse([0x05, 0x8A, 0x03], out _));

    [Fact]
    public void WriteTo_RoundTrips()
    {
        var buffer = new byte[4];
        Assert.Equal(4, new Rfc4733Event(10, true, 63, 0xFFFF).WriteTo(buffer));
        Assert.Equal(new byte[] { 10, 0xBF, 0xFF, 0xFF }, buffer);
        Rfc4733Event.TryParse(buffer, out var value);
        Assert.Equal(new Rfc4733Event(10, true, 63, 0xFFFF), value);
    }

    [Fact]
    public void WriteTo_VolumeAbove63_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rfc4733Event(1, false, 64, 0).WriteTo(new byte[4]));

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, '*')]
    [InlineData(11, '#')]
    [InlineData(12, 'A')]
    [InlineData(15, 'D')]
    public void DtmfKey_MapsEventCodes(int code, char key)
    {
        Assert.Equal(key, DtmfKey.FromEvent(code));
        Assert.Equal(code, DtmfKey.ToEvent(key));
    }

    [Fact]
    public void DtmfKey_NonDtmf_Null()
    {
        Assert.Null(DtmfKey.FromEvent(16));
        Assert.Null(DtmfKey.FromEvent(-1));
        Assert.Null(DtmfKey.ToEvent('E'));
        Assert.Equal(13, DtmfKey.ToEvent('b'));
    }
}
