using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// CPU time per frame the pacing thread fills and hands to its sink, with 1,000 streams playing the catalog's own
/// prompts at different places (as 1,000 held calls do): each frame G.711-encoded from the samples, against
/// <see cref="SharedAudio"/> (encoded once per law, each frame a copy). The sink counts bytes; no socket, so what is
/// measured is the managed part of a send that the pacing thread's profile names (issue 13). Best of the rounds.
/// </summary>
internal static class PlayoutFrameCost
{
    public static void Print(TextWriter output, string promptsFolder, int streams = 1000, int rounds = 7, int steps = 500)
    {
        var prompts = CatalogPrompts.Read(promptsFolder).Where(s => s.Length >= 8000).ToArray();
        if (prompts.Length == 0) throw new InvalidOperationException($"no prompt of a second or more in {promptsFolder}");
        var shared = prompts.Select(p => new SharedAudio(p)).ToArray();
        var cases = new List<(string, Func<int>)>();
        foreach (var law in new[] { G711Law.ALaw, G711Law.MuLaw })
        {
            cases.Add(($"{law} per frame", Steps(law, streams, steps, (s, i) => s.Enqueue(prompts[i % prompts.Length]))));
            cases.Add(($"{law} encoded once", Steps(law, streams, steps, (s, i) => s.Enqueue(shared[i % shared.Length]))));
        }

        var best = CpuTimeRounds.Best(cases, rounds, 1);
        output.WriteLine($"CPU time per frame (fill + sink), {streams:N0} streams on {prompts.Length} prompts, best of {rounds} rounds of {steps} steps:");
        foreach (var (name, _) in cases) output.WriteLine($"  {name,-20} {best[name] / ((double)streams * steps),7:F1} ns");
    }

    /// <summary>A scheduler whose streams each play prompt after prompt, starting at different places; each run ticks it
    /// <paramref name="steps"/> times (a 20 ms step each).</summary>
    private static Func<int> Steps(G711Law law, int streams, int steps, Action<PlayoutStream, int> enqueue)
    {
        var time = TimeProvider.System;
        var scheduler = new PlayoutScheduler(time);
        var bytes = 0L;
        for (var i = 0; i < streams; i++)
        {
            var stream = scheduler.AddStream(law, new RtpSender((byte)law, time), p => bytes += p.Length);
            for (var k = 0; k < 200; k++) enqueue(stream, i * 7 + k); // minutes of prompts each: never runs dry
            scheduler.Tick(); // every stream a frame further than the one added after it
        }

        return () =>
        {
            for (var step = 0; step < steps; step++) scheduler.Tick();
            return (int)bytes;
        };
    }
}
