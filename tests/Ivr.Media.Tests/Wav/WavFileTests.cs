using Ivr.Media.Codecs;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Wav;

public class WavFileTests
{
    [Fact]
    public void WriteThenRead_RoundTripsSamplesRateAndDuration()
    {
        var samples = Enumerable.Range(0, 8000).Select(i => (short)(i * 37 % 65536 - 32768)).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"ivr-media-{Guid.NewGuid():N}.wav");
        try
        {
            WavFile.Write(path, samples);
            var audio = WavFile.Read(path);
            Assert.Equal(8000, audio.SampleRate);
            Assert.Equal(1, audio.Channels);
            Assert.Equal(16, audio.BitsPerSample);
            Assert.Equal(WavEncoding.Pcm, audio.Encoding);
            Assert.Equal(samples, audio.Samples);
            Assert.Equal(TimeSpan.FromSeconds(1), audio.Duration);
            Assert.Equal(44 + 16000, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_SoxMuLawFile_DecodesCloseToThePcmOriginal()
    {
        var pcm = TestAudio.Read("clip-pcm16.wav");
        var mu = TestAudio.Read("clip-mulaw.wav");
        Assert.Equal(WavEncoding.MuLaw, mu.Encoding);
        Assert.Equal(8, mu.BitsPerSample);
        Assert.Equal(pcm.Samples.Length, mu.Samples.Length);
        for (var i = 0; i < pcm.Samples.Length; i++)
        {
            Assert.True(Math.Abs(mu.Samples[i] - pcm.Samples[i]) <= Math.Abs(pcm.Samples[i]) / 16 + 16, $"sample {i}");
            Assert.Equal(mu.Samples[i], MuLaw.Decode(MuLaw.Encode(mu.Samples[i])));
        }
    }

    [Fact]
    public void Read_SoxALawFile_DecodesCloseToThePcmOriginal()
    {
        var pcm = TestAudio.Read("clip-pcm16.wav");
        var a = TestAudio.Read("clip-alaw.wav");
        Assert.Equal(WavEncoding.ALaw, a.Encoding);
        Assert.Equal(pcm.Samples.Length, a.Samples.Length);
        for (var i = 0; i < pcm.Samples.Length; i++)
            Assert.True(Math.Abs(a.Samples[i] - pcm.Samples[i]) <= Math.Abs(pcm.Samples[i]) / 16 + 32, $"sample {i}");
    }

    [Fact]
    public void Read_Stereo_KeepsFirstChannel()
    {
        var mono = TestAudio.Read("clip-pcm16.wav");
        var stereo = TestAudio.Read("clip-stereo.wav");
        Assert.Equal(2, stereo.Channels);
        Assert.Equal(mono.Samples, stereo.Samples);
    }

    [Theory]
    [InlineData("clip-pcm8.wav", "8 bits")]
    [InlineData("clip-pcm32.wav", "32 bits")]
    public void Read_UnsupportedPcmWidth_ClearError(string file, string detail)
    {
        var error = Assert.Throws<WavFormatException>(() => TestAudio.Read(file));
        Assert.Contains("unsupported WAV encoding", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.Contains("16-bit PCM", error.Message);
    }

    [Fact]
    public void Read_NotAWav_ClearError()
    {
        var error = Assert.Throws<WavFormatException>(() => WavFile.Read("ID3\u0004 this is an mp3, honest"u8.ToArray()));
        Assert.Contains("not a WAV file", error.Message);
        Assert.Throws<WavFormatException>(() => WavFile.Read(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Read_HeaderWithoutChunks_ClearError()
    {
        var error = Assert.Throws<WavFormatException>(() => WavFile.Read("RIFF\u0004\0\0\0WAVE"u8.ToArray()));
        Assert.Contains("no fmt chunk", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_TruncatedFmtChunk_ClearError()
    {
        var bytes = File.ReadAllBytes(TestAudio.Path("clip-pcm16.wav"))[..30];
        var error = Assert.Throws<WavFormatException>(() => WavFile.Read(bytes));
        Assert.Contains("truncated", error.Message);
    }
}
