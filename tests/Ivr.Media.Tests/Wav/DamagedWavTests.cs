using Ivr.Media.Tests.Support;
using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Wav;

/// <summary>
/// Whatever a damaged file holds, reading it either succeeds or throws <see cref="WavFormatException"/>: callers
/// (playing a recording back during a call) catch that, not whatever NAudio meets inside the file.
/// </summary>
public class DamagedWavTests
{
    private static readonly byte[] Good = File.ReadAllBytes(TestAudio.Path("clip-pcm16.wav"));

    [Fact]
    public void Read_EveryTruncation_SucceedsOrSaysWhy()
    {
        for (var length = 0; length < 120; length++) AssertReadsOrSaysWhy(Good[..length], $"first {length} bytes");
    }

    [Fact]
    public void Read_CorruptedHeaderBytes_SucceedsOrSaysWhy()
    {
        var random = new Random(12333);
        for (var trial = 0; trial < 3000; trial++)
        {
            var bytes = (byte[])Good.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) bytes[random.Next(4, 60)] = (byte)random.Next(256);
            AssertReadsOrSaysWhy(bytes, $"trial {trial}");
        }
    }

    private static void AssertReadsOrSaysWhy(byte[] bytes, string what)
    {
        try
        {
            WavFile.Read(bytes);
        }
        catch (WavFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
        }
    }
}
