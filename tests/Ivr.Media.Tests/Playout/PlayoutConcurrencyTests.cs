using System.Collections.Concurrent;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;

namespace Ivr.Media.Tests.Playout;

/// <summary>
/// The real pacing threads while other threads add, stop and remove streams: every prompt must be
/// reported exactly once. The wait is a bounded liveness wait, not a timing assertion.
/// </summary>
public class PlayoutConcurrencyTests
{
    [Fact]
    public void AddStopRemoveFromManyThreads_EveryPromptCompletesExactlyOnce()
    {
        const int Workers = 4;
        const int StreamsPerWorker = 25;
        const int PromptsPerStream = 3;
        using var scheduler = new PlayoutScheduler(TimeProvider.System, threads: 2);
        scheduler.Start();
        var prompt = new ReadOnlyMemory<short>(new short[480]);
        var completions = new ConcurrentDictionary<(PlayoutStream, long), int>();
        var expected = Workers * StreamsPerWorker * PromptsPerStream;
        using var allDone = new CountdownEvent(expected);

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() =>
        {
            var random = new Random(w);
            for (var s = 0; s < StreamsPerWorker; s++)
            {
                var stream = scheduler.AddStream(G711Law.ALaw, new RtpSender(8, TimeProvider.System), _ => { }, c =>
                {
                    if (completions.AddOrUpdate((c.Stream, c.PromptId), 1, (_, n) => n + 1) == 1) allDone.Signal();
                });
                for (var p = 0; p < PromptsPerStream; p++) stream.Enqueue(prompt);
                Thread.Sleep(random.Next(0, 30));
                switch (random.Next(3))
                {
                    case 0: stream.Stop(); break;
                    case 1: scheduler.RemoveStream(stream); break;
                }
            }
        })).ToArray();

        Task.WaitAll(workers, TimeSpan.FromSeconds(30));
        Assert.True(allDone.Wait(TimeSpan.FromSeconds(30)), $"{allDone.CurrentCount} prompts never completed");
        Thread.Sleep(100);
        scheduler.Stop();
        Assert.Equal(expected, completions.Count);
        Assert.All(completions.Values, n => Assert.Equal(1, n));
        Assert.Equal(0, scheduler.Errors);
    }
}
