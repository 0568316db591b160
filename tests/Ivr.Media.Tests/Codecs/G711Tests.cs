using Ivr.Media.Codecs;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Codecs;

public class G711Tests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(-1, 0x7F)]
    [InlineData(1000, 0xCE)]
    public void MuLawEncode_ReferenceValues(short sample, byte code) => Assert.Equal(code, MuLaw.Encode(sample));

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xCE, 988)]
    public void MuLawDecode_ReferenceValues(byte code, short sample) => Assert.Equal(sample, MuLaw.Decode(code));

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(1000, 0xFA)]
    public void ALawEncode_ReferenceValues(short sample, byte code) => Assert.Equal(code, ALaw.Encode(sample));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xFA, 1008)]
    public void ALawDecode_ReferenceValues(byte code, short sample) => Assert.Equal(sample, ALaw.Decode(code));

    [Fact]
    public void MuLaw_EveryCodeRoundTrips()
    {
        for (var c = 0; c < 256; c++)
        {
            var expected = c == 0x7F ? 0xFF : c; // −0 encodes as +0
            Assert.Equal(expected, MuLaw.Encode(MuLaw.Decode((byte)c)));
        }
    }

    [Fact]
    public void ALaw_EveryCodeRoundTrips()
    {
        for (var c = 0; c < 256; c++) Assert.Equal(c, ALaw.Encode(ALaw.Decode((byte)c)));
    }

    [Fact]
    public void MuLaw_FullRange_QuantisesToABracketingLevelMonotonically() => AssertBracketingLevel(MuLaw.Encode, MuLaw.Decode);

    [Fact]
    public void ALaw_FullRange_QuantisesToABracketingLevelMonotonically() => AssertBracketingLevel(ALaw.Encode, ALaw.Decode);

    [Fact]
    public void MuLaw_FullRange_RelativeErrorBelowOneThirtySecond()
    {
        for (int x = -MuLaw.MaxMagnitude; x <= MuLaw.MaxMagnitude; x++)
        {
            var error = Math.Abs(MuLaw.Decode(MuLaw.Encode((short)x)) - x);
            Assert.True(error <= Math.Abs(x) / 32.0 + 8, $"µ-law error {error} at {x}");
        }
    }

    [Fact]
    public void ALaw_FullRange_RelativeErrorBelowOneThirtySecond()
    {
        for (int x = -ALaw.MaxMagnitude; x <= ALaw.MaxMagnitude; x++)
        {
            var error = Math.Abs(ALaw.Decode(ALaw.Encode((short)x)) - x);
            Assert.True(error <= Math.Abs(x) / 32.0 + 16, $"A-law error {error} at {x}");
        }
    }

    [Fact]
    public void Tables_AgreeWithSegmentRulesAndWavDecoder()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            Assert.Equal(MuLaw.EncodeBySegment((short)x), MuLaw.Encode((short)x));
            Assert.Equal(ALaw.EncodeBySegment((short)x), ALaw.Encode((short)x));
        }

        for (var c = 0; c < 256; c++)
        {
            Assert.Equal(G711Decode.MuLaw((byte)c), MuLaw.Decode((byte)c));
            Assert.Equal(G711Decode.ALaw((byte)c), ALaw.Decode((byte)c));
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void SpanEncodeDecode_MatchesScalarAndAllocatesNothing(G711Law law)
    {
        var samples = Enumerable.Range(0, G711.SamplesPer20Ms).Select(i => (short)(i * 409 - 32000)).ToArray();
        var codes = new byte[samples.Length];
        var decoded = new short[samples.Length];
        G711.Encode(law, samples, codes);
        G711.Decode(law, codes, decoded);

        Assert.Equal(0, Allocations.Of(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                G711.Encode(law, samples, codes);
                G711.Decode(law, codes, decoded);
            }
        }));
        for (var i = 0; i < samples.Length; i++)
        {
            var code = law == G711Law.MuLaw ? MuLaw.Encode(samples[i]) : ALaw.Encode(samples[i]);
            Assert.Equal(code, codes[i]);
            Assert.Equal(law == G711Law.MuLaw ? MuLaw.Decode(code) : ALaw.Decode(code), decoded[i]);
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void SpanDecode_EveryCodeAnyLength_TheScalarsAndNothingPastTheCodes(G711Law law)
    {
        var every = Enumerable.Range(0, 256).Select(c => (byte)c).Reverse().ToArray();
        foreach (var length in new[] { 0, 1, 7, 160, 256 })
        {
            var decoded = Enumerable.Repeat((short)12333, length + 3).ToArray();
            G711.Decode(law, every.AsSpan(256 - length), decoded);
            for (var i = 0; i < length; i++)
            {
                var code = every[256 - length + i];
                Assert.Equal(law == G711Law.MuLaw ? MuLaw.Decode(code) : ALaw.Decode(code), decoded[i]);
            }

            Assert.All(decoded[length..], s => Assert.Equal(12333, s));
        }
    }

    [Fact]
    public void Encode_DestinationTooShort_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MuLaw.Encode(new short[160], new byte[159]));
        Assert.Contains("160", error.Message);
        Assert.Throws<ArgumentException>(() => ALaw.Decode(new byte[160], new short[10]));
    }

    [Fact]
    public void G711_PayloadTypesAndSilence()
    {
        Assert.Equal(G711Law.MuLaw, G711.FromPayloadType(0));
        Assert.Equal(G711Law.ALaw, G711.FromPayloadType(8));
        Assert.Null(G711.FromPayloadType(18));
        Assert.Equal(0, MuLaw.Decode(G711.SilenceCode(G711Law.MuLaw)));
        Assert.Equal(8, ALaw.Decode(G711.SilenceCode(G711Law.ALaw)));
    }

    /// <summary>Every sample decodes to one of the two reconstruction levels around it (clipped at the
    /// extremes), and larger samples never decode smaller.</summary>
    private static void AssertBracketingLevel(Func<short, byte> encode, Func<byte, short> decode)
    {
        var levels = Enumerable.Range(0, 256).Select(c => (int)decode((byte)c)).Distinct().Order().ToArray();
        var previous = int.MinValue;
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var clipped = Math.Clamp(x, levels[0], levels[^1]);
            var index = Array.BinarySearch(levels, clipped);
            var below = index >= 0 ? levels[index] : levels[~index - 1];
            var above = index >= 0 ? levels[index] : levels[~index];
            var result = decode(encode((short)x));
            Assert.True(result == below || result == above, $"sample {x} decoded to {result}, not {below} or {above}");
            Assert.True(result >= previous, $"sample {x} decoded below sample {x - 1}");
            previous = result;
        }
    }
}
