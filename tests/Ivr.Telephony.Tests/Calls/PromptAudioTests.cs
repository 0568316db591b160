using Ivr.Core.Channel;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Ivr.Media.Wav;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Tests.Calls;

public sealed class PromptAudioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-prompt-audio-").FullName;

    [Fact]
    public void Of_CatalogSamples_ReturnedAsShared()
    {
        var samples = new short[] { 1, 2, 3 };

        var audio = PromptAudio.Of(new Prompt("p", "", TimeSpan.Zero, samples), _folder, out var problem);

        Assert.Null(problem);
        Assert.True(audio.Span.SequenceEqual(samples));
    }

    [Fact]
    public void Of_RecordingFileName_ReadFromTheRecordingsFolder()
    {
        WavFile.Write(Path.Combine(_folder, "call-1.wav"), new short[] { 5, 6, 7, 8 });

        var audio = PromptAudio.Of(new Prompt("recording", "", TimeSpan.Zero, ReadOnlyMemory<short>.Empty, "call-1.wav"), _folder, out var problem);

        Assert.Null(problem);
        Assert.Equal(new short[] { 5, 6, 7, 8 }, audio.ToArray());
    }

    [Theory]
    [InlineData("missing.wav")]
    [InlineData("../outside.wav")]
    public void Of_FileNotInTheFolder_EmptyWithAProblem(string file)
    {
        WavFile.Write(Path.Combine(Path.GetDirectoryName(_folder)!, "outside.wav"), new short[] { 1 });

        var audio = PromptAudio.Of(new Prompt("recording", "", TimeSpan.Zero, ReadOnlyMemory<short>.Empty, file), _folder, out var problem);

        Assert.True(audio.IsEmpty);
        Assert.Contains("cannot be played", problem);
    }

    [Fact]
    public void Of_NoSamplesNoFile_EmptyWithAProblem()
    {
        var audio = PromptAudio.Of(new Prompt("text_only", "", TimeSpan.FromSeconds(1), ReadOnlyMemory<short>.Empty), _folder, out var problem);

        Assert.True(audio.IsEmpty);
        Assert.Contains("has no audio", problem);
    }

    [Fact]
    public void Enqueue_CatalogPrompt_EveryCallPlaysTheOneSharedEncoding()
    {
        using var scheduler = new PlayoutScheduler(TimeProvider.System);
        var prompt = new Prompt("welcome", "", TimeSpan.Zero, new short[] { 100, -100, 3000 });
        var sent = new List<byte[]>();
        var streams = Enumerable.Range(0, 2).Select(_ => scheduler.AddStream(G711Law.ALaw, new RtpSender(8, TimeProvider.System), p => sent.Add(p.ToArray()))).ToArray();

        foreach (var stream in streams) PromptAudio.Enqueue(stream, prompt, _folder, out _);
        scheduler.Tick();

        Assert.Same(PromptAudio.Shared(prompt), PromptAudio.Shared(prompt));
        Assert.True(PromptAudio.Shared(prompt).IsEncodedIn(G711Law.ALaw));
        Assert.False(PromptAudio.Shared(prompt).IsEncodedIn(G711Law.MuLaw));
        var codes = new byte[3];
        ALaw.Encode(new short[] { 100, -100, 3000 }, codes);
        Assert.All(sent, p => Assert.Equal(codes, p[RtpHeader.FixedLength..][..3]));
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public void Enqueue_RecordingFile_PlayedWithoutAProblem_AndAMissingOneFinishesAtOnce()
    {
        using var scheduler = new PlayoutScheduler(TimeProvider.System);
        WavFile.Write(Path.Combine(_folder, "call-2.wav"), new short[] { 5, 6, 7, 8 });
        var sent = new List<byte[]>();
        var completed = new List<PromptCompletion>();
        var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, TimeProvider.System), p => sent.Add(p.ToArray()), completed.Add);

        var played = PromptAudio.Enqueue(stream, new Prompt("recording", "", TimeSpan.Zero, ReadOnlyMemory<short>.Empty, "call-2.wav"), _folder, out var fine);
        var missing = PromptAudio.Enqueue(stream, new Prompt("recording", "", TimeSpan.Zero, ReadOnlyMemory<short>.Empty, "gone.wav"), _folder, out var problem);
        scheduler.Tick();

        Assert.Null(fine);
        Assert.Contains("cannot be played", problem);
        Assert.Single(sent);
        Assert.Equal([(missing, 0), (played, 4)], completed.Select(c => (c.PromptId, c.SamplesPlayed))); // nothing to play: finished at once
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        File.Delete(Path.Combine(Path.GetDirectoryName(_folder)!, "outside.wav"));
    }
}
