using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Playout;

/// <summary>Ticks driven by hand with a fake clock: every step is deterministic.</summary>
public class PlayoutSchedulerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _scheduler;
    private readonly List<byte[]> _sent = [];
    private readonly List<PromptCompletion> _completed = [];

    public PlayoutSchedulerTests() => _scheduler = new PlayoutScheduler(_time);

    private PlayoutStream AddStream(G711Law law = G711Law.MuLaw, uint timestamp = 1000) =>
        _scheduler.AddStream(law, new RtpSender((byte)law, _time, ssrc: 42, initialSequenceNumber: 1, initialTimestamp: timestamp), p => _sent.Add(p.ToArray()), _completed.Add);

    private void Tick(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _scheduler.Tick();
            _time.Advance(PlayoutScheduler.FrameInterval);
        }
    }

    private static RtpHeader HeaderOf(byte[] packet)
    {
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(packet, out var parsed));
        return parsed.Header;
    }

    private static short[] Ramp(int length, int start = 0) => Enumerable.Range(start, length).Select(i => (short)(i * 50)).ToArray();

    [Fact]
    public void Tick_Prompt_SendsEncodedFramesThenReportsFinished()
    {
        var stream = AddStream();
        var prompt = Ramp(400);
        var id = stream.Enqueue(prompt);
        Tick(4);

        Assert.Equal(3, _sent.Count);
        Assert.All(_sent, p => Assert.Equal(172, p.Length));
        Assert.Equal(new ushort[] { 1, 2, 3 }, _sent.Select(p => HeaderOf(p).SequenceNumber));
        Assert.Equal(new uint[] { 1000, 1160, 1320 }, _sent.Select(p => HeaderOf(p).Timestamp));
        Assert.Equal(new[] { true, false, false }, _sent.Select(p => HeaderOf(p).Marker));

        var expected = new byte[480];
        MuLaw.Encode(prompt, expected);
        expected.AsSpan(400).Fill(MuLaw.Silence);
        Assert.Equal(expected, _sent.SelectMany(p => p[12..]));
        Assert.Equal([new PromptCompletion(stream, id, PlayoutEndReason.Finished, 400)], _completed);
        Assert.False(stream.IsPlaying);
    }

    [Fact]
    public void Tick_QueuedPrompts_PlayBackToBackWithoutGaps()
    {
        var stream = AddStream(G711Law.ALaw);
        var a = Ramp(100);
        var b = Ramp(100, 300);
        stream.Enqueue(a);
        stream.Enqueue(b);
        Tick();
        Assert.Single(_completed);
        Tick();

        var expected = new byte[320];
        ALaw.Encode([.. a, .. b], expected);
        expected.AsSpan(200).Fill(ALaw.Silence);
        Assert.Equal(expected, _sent.SelectMany(p => p[12..]));
        Assert.Equal([(1L, 100), (2L, 100)], _completed.Select(c => (c.PromptId, c.SamplesPlayed)));
    }

    [Fact]
    public void Stop_TakesEffectOnNextTickAndStopsTheQueue()
    {
        var stream = AddStream();
        var first = stream.Enqueue(Ramp(8000));
        var second = stream.Enqueue(Ramp(800));
        Tick(2);
        stream.Stop();
        Assert.Empty(_completed);
        Tick(3);

        Assert.Equal(2, _sent.Count);
        Assert.Equal(
            [new PromptCompletion(stream, first, PlayoutEndReason.Stopped, 320), new PromptCompletion(stream, second, PlayoutEndReason.Stopped, 0)],
            _completed);
        Assert.False(stream.IsPlaying);
    }

    [Fact]
    public void Enqueue_AfterBargeIn_StartsNewTalkspurtWithTimestampByElapsedTime()
    {
        var stream = AddStream();
        stream.Enqueue(Ramp(8000));
        Tick(3); // timestamps 1000, 1160, 1320
        stream.Stop();
        Tick(47); // 0.94 s of silence: nothing sent
        stream.Enqueue(Ramp(320));
        Tick(2);

        Assert.Equal(5, _sent.Count);
        var resumed = HeaderOf(_sent[3]);
        Assert.True(resumed.Marker);
        Assert.Equal(1320u + 48 * 160, resumed.Timestamp); // 48 frame times after the last packet
        Assert.Equal(4, resumed.SequenceNumber);
        Assert.False(HeaderOf(_sent[4]).Marker);
    }

    [Fact]
    public void Enqueue_AfterQueueRanDry_NewTalkspurt()
    {
        var stream = AddStream();
        stream.Enqueue(Ramp(160));
        Tick(5);
        stream.Enqueue(Ramp(160));
        Tick();
        Assert.Equal(new[] { true, true }, _sent.Select(p => HeaderOf(p).Marker));
        Assert.Equal(1000u + 5 * 160, HeaderOf(_sent[1]).Timestamp);
    }

    [Fact]
    public void Stop_ThenEnqueueBeforeTick_OnlyNewPromptPlays()
    {
        var stream = AddStream();
        stream.Enqueue(Ramp(8000));
        Tick();
        stream.Stop();
        var next = stream.Enqueue(Ramp(160, 9));
        Tick(2);
        Assert.Equal(2, _sent.Count);
        Assert.True(HeaderOf(_sent[1]).Marker);
        Assert.Equal([PlayoutEndReason.Stopped, PlayoutEndReason.Finished], _completed.Select(c => c.Reason));
        Assert.Equal(next, _completed[1].PromptId);
    }

    [Fact]
    public void RemoveStream_PromptsReportedRemovedAndOthersContinue()
    {
        var leaving = AddStream();
        var staying = AddStream();
        var shared = new ReadOnlyMemory<short>(Ramp(1600));
        leaving.Enqueue(shared);
        staying.Enqueue(shared);
        Tick();
        _scheduler.RemoveStream(leaving);
        Tick(2);

        Assert.Equal(1, _scheduler.StreamCount);
        Assert.Equal(PlayoutEndReason.Removed, Assert.Single(_completed).Reason);
        Assert.Equal(2, leaving.PacketsSent + 1);
        Assert.Equal(3, staying.PacketsSent);
        Assert.Throws<InvalidOperationException>(() => leaving.Enqueue(shared));
    }

    [Fact]
    public void Tick_ManyStreamsSharingOnePrompt_SameAudioEach()
    {
        var shared = new ReadOnlyMemory<short>(Ramp(160));
        var streams = Enumerable.Range(0, 50).Select(_ => AddStream()).ToArray();
        foreach (var s in streams) s.Enqueue(shared);
        Tick();
        Assert.Equal(50, _sent.Count);
        Assert.Single(_sent.Select(p => Convert.ToHexString(p[12..])).Distinct());
    }

    [Fact]
    public void Tick_SinkThrows_OtherStreamsStillServed()
    {
        var errors = new List<Exception>();
        using var scheduler = new PlayoutScheduler(_time, onError: errors.Add);
        var broken = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), _ => throw new IOException("socket gone"));
        var fine = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), p => _sent.Add(p.ToArray()));
        broken.Enqueue(Ramp(320));
        fine.Enqueue(Ramp(320));
        scheduler.Tick();
        scheduler.Tick();
        Assert.Equal(2, _sent.Count);
        Assert.Equal(2, scheduler.Errors);
        Assert.All(errors, e => Assert.IsType<IOException>(e));
    }

    [Theory]
    [InlineData(false)] // samples encoded frame by frame
    [InlineData(true)] // a SharedAudio: encoded once, each frame a copy
    public void Tick_SteadyPlayback_AllocatesNothing(bool encodedOnce)
    {
        var packets = 0L;
        var samples = new short[8000 * 60];
        var shared = new SharedAudio(samples);
        for (var i = 0; i < 20; i++)
        {
            var stream = _scheduler.AddStream(G711Law.ALaw, new RtpSender(8, _time), p => packets += p.Length);
            if (encodedOnce) stream.Enqueue(shared);
            else stream.Enqueue(samples);
        }

        Assert.Equal(0, Allocations.Of(() =>
        {
            for (var i = 0; i < 200; i++) _scheduler.Tick();
        }));
        Assert.Equal(4 * 200 * 20 * 172, packets);
    }

    [Fact]
    public void Tick_StreamsFirstPromptEnds_AllocatesNothing()
    {
        var ended = 0;
        var samples = new short[2 * G711.SamplesPer20Ms];
        long Batch()
        {
            for (var i = 0; i < 20; i++) _scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, _ => ended++).Enqueue(samples);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 4; i++) _scheduler.Tick(); // two frames each, then their ends reported
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Batch(); // the code compiled
        var least = Enumerable.Range(0, 3).Min(_ => Batch()); // the least: the runtime may allocate now and then

        Assert.Equal(0, least); // the pacing thread grows no list of a new stream's prompt ends
        Assert.Equal(80, ended);
    }

    [Fact]
    public void Enqueue_EmptyPrompt_FinishedOnNextTickWithoutSending()
    {
        var stream = AddStream();
        var id = stream.Enqueue(ReadOnlyMemory<short>.Empty);
        Tick();
        Assert.Empty(_sent);
        Assert.Equal([new PromptCompletion(stream, id, PlayoutEndReason.Finished, 0)], _completed);
    }

    [Fact]
    public void AddStream_SpreadsOverThreadsByLoad()
    {
        using var scheduler = new PlayoutScheduler(_time, threads: 3);
        for (var i = 0; i < 7; i++) scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { });
        Assert.Equal(7, scheduler.StreamCount);
        Assert.Equal([3, 2, 2], scheduler.StreamsPerThread());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlayoutScheduler(_time, threads: 0));
    }

    [Fact]
    public void AddStream_WithStreamsPerThread_FillsOneThreadBeforeTheNext_ThenSpreadsByLoad()
    {
        using var scheduler = new PlayoutScheduler(_time, threads: 2, streamsPerThread: 3);
        void Add(int count)
        {
            for (var i = 0; i < count; i++) scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { });
        }

        Add(3);
        Assert.Equal([3, 0], scheduler.StreamsPerThread()); // the second thread stays asleep
        Add(2);
        Assert.Equal([3, 2], scheduler.StreamsPerThread());
        Add(3);
        Assert.Equal([4, 4], scheduler.StreamsPerThread()); // both full: the least loaded
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlayoutScheduler(_time, threads: 2, streamsPerThread: -1));
    }

    [Fact]
    public void Tick_WhileThreadsRun_Throws()
    {
        using var scheduler = new PlayoutScheduler(TimeProvider.System);
        scheduler.Start();
        Assert.Throws<InvalidOperationException>(scheduler.Tick);
        Assert.Throws<InvalidOperationException>(scheduler.Start);
        scheduler.Stop();
        Assert.False(scheduler.IsRunning);
        scheduler.Tick();
    }

    [Fact]
    public async Task Stop_FromAPacingCallback_ReturnsWithoutWaitingForItsOwnThread()
    {
        var scheduler = new PlayoutScheduler(TimeProvider.System);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, TimeProvider.System), _ => { }, _ =>
        {
            scheduler.Stop(); // e.g. a call torn down by its last prompt's completion, on the pacing thread
            stopped.TrySetResult();
        });
        scheduler.Start();
        stream.Enqueue(Ramp(160));
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(scheduler.IsRunning);
        scheduler.Dispose();
    }

    [Fact]
    public void Tick_SinkAndCallbackThrow_EveryCompletionStillReported()
    {
        var reported = new List<long>();
        using var scheduler = new PlayoutScheduler(_time);
        var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), _ => throw new IOException("socket gone"), c =>
        {
            reported.Add(c.PromptId);
            throw new InvalidOperationException("callback bug");
        });
        stream.Enqueue(Ramp(100));
        stream.Enqueue(Ramp(60));
        stream.Enqueue(Ramp(500));
        scheduler.Tick();
        Assert.Equal([1L, 2L], reported);
        stream.Stop();
        scheduler.Tick();
        Assert.Equal([1L, 2L, 3L], reported);
        Assert.Equal(2, scheduler.Errors);
    }

    [Fact]
    public void AddStream_SenderPayloadTypeNotTheLaws_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => _scheduler.AddStream(G711Law.ALaw, new RtpSender(0, _time), _ => { }));
        Assert.Contains("payload type 0", error.Message);
    }

    [Fact]
    public void Start_NoStreams_ThreadParksThenServesAStreamAddedLater()
    {
        using var scheduler = new PlayoutScheduler(TimeProvider.System);
        scheduler.Start();
        Thread.Sleep(200); // ten frame times with nothing to send
        Assert.Equal(0, scheduler.Statistics().Ticks);

        using var done = new ManualResetEventSlim();
        var sent = 0;
        var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, TimeProvider.System), _ => sent++, _ => done.Set());
        stream.Enqueue(Ramp(480));
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)), "the parked thread never played the prompt");
        scheduler.Stop();
        Assert.Equal(3, sent);
    }
}
