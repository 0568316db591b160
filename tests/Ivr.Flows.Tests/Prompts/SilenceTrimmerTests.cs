using Ivr.Flows.Prompts;

namespace Ivr.Flows.Tests.Prompts;

public sealed class SilenceTrimmerTests
{
    [Fact]
    public void Trim_SilenceAroundSpeech_KeepsSpeechPlusMargin()
    {
        var samples = new short[8000 + 800 + 8000];
        for (var i = 8000; i < 8800; i++) samples[i] = 5000;

        var trimmed = SilenceTrimmer.Trim(samples, 8000, marginSeconds: 0.03);

        Assert.Equal(240 + 800 + 240, trimmed.Length);
        Assert.Equal(5000, trimmed[240]);
        Assert.Equal(0, trimmed[239]);
    }

    [Fact]
    public void Trim_AllSilence_ReturnsInputUnchanged() =>
        Assert.Equal(100, SilenceTrimmer.Trim(new short[100], 8000).Length);

    [Fact]
    public void Trim_SpeechAtEdges_KeepsEverything()
    {
        short[] samples = [3000, 0, 0, -3000];
        Assert.Equal(samples, SilenceTrimmer.Trim(samples, 8000));
    }
}
