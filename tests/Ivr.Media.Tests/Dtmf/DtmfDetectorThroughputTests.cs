using System.Diagnostics;
using Ivr.Media.Dtmf;
using Ivr.Media.Tests.Support;
using Xunit.Abstractions;

namespace Ivr.Media.Tests.Dtmf;

/// <summary>Prints how much audio one core analyses per second (no timing assertion).</summary>
public class DtmfDetectorThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Process_Speech_MeasureThroughputAndAllocations()
    {
        var speech = TestAudio.Read("speech-cmn-0.wav").Samples;
        var found = 0;
        var detector = new DtmfDetector(_ => found++);
        for (var i = 0; i + 160 <= speech.Length; i += 160) detector.Process(speech.AsSpan(i, 160)); // warm-up (tiered JIT)
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i + 160 <= speech.Length; i += 160) detector.Process(speech.AsSpan(i, 160));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(0, Allocations.Of(() => detector.Process(speech.AsSpan(0, 16000))));
        Assert.Equal(0, found);
        var audioSeconds = speech.Length / 8000.0;
        output.WriteLine($"{audioSeconds:F1} s of speech in {elapsed.TotalMilliseconds:F1} ms: {audioSeconds / elapsed.TotalSeconds:F0}x real time on one core");
    }
}
