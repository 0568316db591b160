using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Playout;

/// <summary>
/// Issue 13: a gen0 collection stops the pacing thread, so its steady state allocates nothing. A shard of 100 playing
/// streams is stepped by its <see cref="PacingLoop"/> on a fake clock; prompts end and new ones are queued from the
/// completion callback, as a call's flow does; once warmed up, 10,000 steps allocate 0 bytes on the pacing thread.
/// </summary>
public class PlayoutAllocationTests
{
    private const int Streams = 100;

    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutShard _shard = new(PlayoutScheduler.PhasesPerFrame);
    private readonly short[] _prompt = new short[G711.SamplesPer20Ms * 25 + 37]; // half a second and a bit: prompts end mid-frame
    private long _packets;
    private long _completions;

    /// <summary>"Sleeps" by moving the fake clock to the deadline; a wake (a prompt after silence) ends the next wait at once.</summary>
    private sealed class ClockWaiter(FakeTimeProvider time) : IDeadlineWaiter
    {
        private bool _woken;

        public bool WaitUntil(long deadline)
        {
            if (_woken)
            {
                _woken = false;
                return false;
            }

            var now = time.GetTimestamp();
            if (deadline > now) time.Advance(TimeSpan.FromSeconds((double)(deadline - now) / time.TimestampFrequency));
            return true;
        }

        public void Wake() => _woken = true;
    }

    private PacingLoop LoopWithPlayingStreams()
    {
        for (var i = 0; i < Streams; i++)
        {
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _packets++, OnCompleted);
            _shard.Add(stream);
            stream.Enqueue(_prompt);
            stream.Enqueue(_prompt);
        }

        return new PacingLoop(_shard, _time, new ClockWaiter(_time), onError: null);
    }

    private void OnCompleted(PromptCompletion completion)
    {
        _completions++;
        completion.Stream.Enqueue(_prompt); // the next prompt, queued on the pacing thread as a flow's reply would be
    }

    [Fact]
    public void Steps_SteadyStateOf100Streams_AllocateNothing()
    {
        var loop = LoopWithPlayingStreams();
        void Steps(int count)
        {
            for (var i = 0; i < count; i++) loop.Step(CancellationToken.None);
        }

        Steps(2_000); // warm-up: queues and lists reach their size, the JIT its last tier

        var packetsBefore = _packets;
        var completionsBefore = _completions;
        var allocated = Support.Allocations.Of(() => Steps(10_000), runs: 1);

        Assert.Equal(0, allocated);
        Assert.True(_packets - packetsBefore >= 2 * Streams * 10_000 / PlayoutScheduler.PhasesPerFrame * 9 / 10, $"{_packets - packetsBefore} packets sent");
        Assert.True(_completions - completionsBefore > Streams, "prompts ended and were followed by new ones");
        Assert.Equal(0, _shard.Errors);
    }

    /// <summary>A prompt after barge-in (Stop, then Enqueue) wakes the loop, leaves at once and moves its stream to a
    /// phase about a frame later; the move shifts the phase lists in place, so it allocates nothing either (it copied
    /// both arrays before session 11).</summary>
    [Fact]
    public void Steps_PromptsAfterBargeIn_MoveStreamsWithoutAllocating()
    {
        var streams = new List<PlayoutStream>();
        for (var i = 0; i < Streams; i++)
        {
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _packets++, null);
            _shard.Add(stream);
            stream.Enqueue(_prompt);
            streams.Add(stream);
        }

        var loop = new PacingLoop(_shard, _time, new ClockWaiter(_time), onError: null);
        var next = 0;
        void Steps(int count)
        {
            for (var i = 0; i < count; i++)
            {
                loop.Step(CancellationToken.None);
                if (i % 3 != 0) continue;
                var stream = streams[next++ % Streams]; // a key pressed: the prompt stops and the next one starts
                stream.Stop();
                stream.Enqueue(_prompt);
            }
        }

        var phaseBefore = streams.Select(_shard.PhaseOf).ToArray();
        Steps(3_000);
        var allocated = Support.Allocations.Of(() => Steps(9_000), runs: 1);

        Assert.Equal(0, allocated);
        Assert.Equal(Streams, Enumerable.Range(0, _shard.PhaseCount).Sum(_shard.CountIn));
        Assert.True(streams.Select(_shard.PhaseOf).Zip(phaseBefore).Count(p => p.First != p.Second) > Streams / 4, "streams did move");
        Assert.True(Enumerable.Range(0, _shard.PhaseCount).Max(_shard.CountIn) <= Streams / _shard.PhaseCount + 2, "and stayed spread over the phases");
        Assert.Equal(0, _shard.Errors);
    }
}
