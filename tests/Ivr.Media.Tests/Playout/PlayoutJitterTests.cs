using System.Diagnostics;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Xunit.Abstractions;

namespace Ivr.Media.Tests.Playout;

/// <summary>
/// Runs the real pacing thread against the system clock and prints the measured send jitter (run with
/// <c>--logger "console;verbosity=detailed"</c>). Asserts only what timing cannot break: every packet
/// was sent, in order, and the prompt completed.
/// </summary>
public class PlayoutJitterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("default")]
    [InlineData("real-time")]
    [InlineData("sleep-then-yield")]
    public void Start_RealClock_MeasureJitter(string waiter)
    {
        const int Streams = 50;
        const int Frames = 50;
        using var scheduler = waiter switch
        {
            "default" => new PlayoutScheduler(TimeProvider.System),
            "real-time" => new PlayoutScheduler(TimeProvider.System, realTimePriority: true),
            _ => new PlayoutScheduler(TimeProvider.System, 1, null, time => new SleepThenYieldWaiter(time)),
        };
        var sendTimes = new long[Frames];
        var sequences = new List<ushort>();
        var done = new CountdownEvent(Streams);
        var prompt = new ReadOnlyMemory<short>(new short[160 * Frames]);
        for (var s = 0; s < Streams; s++)
        {
            var measured = s == 0;
            var count = 0;
            var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, TimeProvider.System), packet =>
            {
                if (!measured) return;
                sendTimes[count++] = Stopwatch.GetTimestamp();
                RtpPacket.TryParse(packet, out var parsed);
                sequences.Add(parsed.Header.SequenceNumber);
            }, _ => done.Signal());
            stream.Enqueue(prompt);
        }

        scheduler.Start();
        var realTime = scheduler.RealTimeThreads;
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)), "playback did not complete");
        scheduler.Stop();

        Assert.Equal(Frames, sequences.Count);
        Assert.Equal(Enumerable.Range(0, Frames).Select(i => (ushort)(sequences[0] + i)), sequences);
        var intervals = sendTimes.Zip(sendTimes.Skip(1), (a, b) => (b - a) * 1000.0 / Stopwatch.Frequency).ToArray();
        var deviations = intervals.Select(i => Math.Abs(i - 20)).ToArray();
        var drift = (sendTimes[^1] - sendTimes[0]) * 1000.0 / Stopwatch.Frequency - 20.0 * (Frames - 1);
        var stats = scheduler.Statistics();
        output.WriteLine($"{waiter} (real-time threads: {realTime}): {Streams} streams, {Frames} frames: interval mean {intervals.Average():F3} ms, |jitter| mean {deviations.Average():F3} ms, max {deviations.Max():F3} ms, drift over {Frames - 1} frames {drift:F3} ms");
        output.WriteLine($"scheduler: {stats.Ticks} ticks, lateness mean {stats.MeanLateness.TotalMilliseconds:F3} ms, max {stats.MaxLateness.TotalMilliseconds:F3} ms, >2 ms late {stats.TicksLaterThan2Ms}, resyncs {stats.Resyncs}");
    }
}
