namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>The oracle of the softphone test checked on its own: µ-law decoding and prompt finding.</summary>
public sealed class PromptFinderTests
{
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xEF, 132)] // inverted 0x10: exponent 1, mantissa 0: (132 << 1) - 132
    [InlineData(0x6F, -132)]
    public void DecodeMuLaw_G711Codes_LinearValues(int code, int expected)
    {
        Assert.Equal(expected, AudioEnvelope.DecodeMuLaw((byte)code));
    }

    [Fact]
    public void Find_PromptEmbeddedInSilence_FoundAtItsOffsetWithFullCorrelation()
    {
        var prompt = Speechlike(seed: 1, frames: 300);
        var recording = new double[1000];
        prompt.CopyTo(recording, 420);

        var match = PromptFinder.Find(recording, prompt);

        Assert.NotNull(match);
        Assert.Equal(420, match.Frame);
        Assert.True(match.Correlation > 0.999, match.ToString());
    }

    [Fact]
    public void Find_OtherPrompt_CorrelatesClearlyWorse()
    {
        var played = Speechlike(seed: 1, frames: 300);
        var other = Speechlike(seed: 2, frames: 150);
        var recording = new double[1000];
        played.CopyTo(recording, 100);

        var match = PromptFinder.Find(recording, other);

        Assert.NotNull(match);
        Assert.True(match.Correlation < 0.8, match.ToString());
    }

    [Fact]
    public void Find_RecordingShorterThanPromptOrFlatPrompt_NoMatch()
    {
        Assert.Null(PromptFinder.Find(new double[50], Speechlike(seed: 1, frames: 100)));
        Assert.Null(PromptFinder.Find(Speechlike(seed: 1, frames: 500), new double[100]));
    }

    [Fact]
    public void Envelope_TenMillisecondFrames_RmsPerFrame()
    {
        var samples = new short[200];
        for (var i = 0; i < 80; i++) samples[i] = 1000;
        for (var i = 80; i < 160; i++) samples[i] = (short)(i % 2 == 0 ? 300 : -300);

        var envelope = AudioEnvelope.Envelope(samples);

        Assert.Equal([1000.0, 300.0], envelope);
    }

    /// <summary>Syllable-like bursts of energy with pauses, deterministic per seed.</summary>
    private static double[] Speechlike(int seed, int frames)
    {
        var random = new Random(seed);
        var envelope = new double[frames];
        for (var f = 0; f < frames;)
        {
            var burst = random.Next(8, 30);
            var level = random.Next(500, 6000);
            for (var i = 0; i < burst && f < frames; i++, f++) envelope[f] = level * Math.Sin(Math.PI * i / burst);
            f += random.Next(2, 15);
        }

        return envelope;
    }
}
