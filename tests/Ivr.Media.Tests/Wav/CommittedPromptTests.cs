using System.Buffers.Binary;
using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Wav;

/// <summary>
/// NAudio reads and writes the real prompts exactly as the hand-written RIFF code did: the samples are the
/// data chunk's little-endian 16-bit words, and writing them back keeps every sample.
/// </summary>
public class CommittedPromptTests
{
    public static TheoryData<string> Prompts() => [.. TestAudio.CommittedPrompts().Where((_, i) => i % 10 == 0).Select(Path.GetFileName)!];

    [Fact]
    public void CommittedPrompts_AreThere() => Assert.True(TestAudio.CommittedPrompts().Length > 100);

    [Theory]
    [MemberData(nameof(Prompts))]
    public void Read_CommittedPrompt_SamplesAreTheDataChunk(string name)
    {
        var path = TestAudio.CommittedPrompts().Single(p => Path.GetFileName(p) == name);

        var audio = WavFile.Read(path);

        Assert.Equal((8000, 1, 16, WavEncoding.Pcm), (audio.SampleRate, audio.Channels, audio.BitsPerSample, audio.Encoding));
        Assert.Equal(DataChunkSamples(File.ReadAllBytes(path)), audio.Samples);
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void WriteThenRead_CommittedPrompt_KeepsEverySample(string name)
    {
        var original = WavFile.Read(TestAudio.CommittedPrompts().Single(p => Path.GetFileName(p) == name));
        using var copy = new MemoryStream();

        WavFile.Write(copy, original.Samples);

        Assert.Equal(original.Samples, DataChunkSamples(copy.ToArray()));
        Assert.Equal(original.Samples, WavFile.Read(copy.ToArray()).Samples);
    }

    /// <summary>The data chunk found by walking the RIFF chunks by hand (what the old reader did).</summary>
    private static short[] DataChunkSamples(byte[] file)
    {
        for (var at = 12; at + 8 <= file.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 4));
            if (file.AsSpan(at, 4).SequenceEqual("data"u8))
            {
                return [.. Enumerable.Range(0, size / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(at + 8 + i * 2)))];
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }
}
