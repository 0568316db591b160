using Ivr.Core.Channel;
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

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        File.Delete(Path.Combine(Path.GetDirectoryName(_folder)!, "outside.wav"));
    }
}
