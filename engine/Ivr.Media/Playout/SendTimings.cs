namespace Ivr.Media.Playout;

/// <summary>
/// When one pacing thread really sent: each stream's packet-to-packet gap compared with the 20 ms frame
/// (<see cref="Jitter"/>: |gap − 20 ms| per packet that continues its talkspurt, read on the thread's clock just before
/// the send) and how long each step's burst took (<see cref="Bursts"/>: from the step's first tick to its last).
/// Together with the lateness of the step's start they say, from inside the server, where a stream's outbound jitter
/// comes from — a late wake-up, a long burst, or nothing the server did (the kernel or the capture). Written by the
/// pacing thread alone, without allocating; one clock read per packet and two per step.
/// </summary>
internal sealed class SendTimings
{
    private readonly TimeProvider _clock;
    private readonly long _frame;
    private LatenessHistogram? _jitter;
    private LatenessHistogram? _bursts;

    public SendTimings(TimeProvider clock)
    {
        _clock = clock;
        _frame = (long)(PlayoutScheduler.FrameInterval.TotalSeconds * clock.TimestampFrequency);
    }

    /// <summary>|gap − 20 ms| of every packet that continued its stream's talkspurt; null before the first one.</summary>
    public LatenessHistogram? Jitter => Volatile.Read(ref _jitter);

    /// <summary>How long each step's burst took; null before the first step with a stream.</summary>
    public LatenessHistogram? Bursts => Volatile.Read(ref _bursts);

    public long Now() => _clock.GetTimestamp();

    /// <summary>A stream is about to send at <paramref name="at"/>; <paramref name="lastSentAt"/> is when it sent
    /// before (0: never). A packet that starts a talkspurt (after a pause, or moved to another phase) is no jitter.</summary>
    public void Sending(ref long lastSentAt, long at, bool startsTalkspurt)
    {
        if (!startsTalkspurt && lastSentAt != 0) (_jitter ?? Create(ref _jitter)).Record(Math.Abs(at - lastSentAt - _frame), 1);
        lastSentAt = at;
    }

    /// <summary>A step that began ticking at <paramref name="start"/> has ticked its last stream.</summary>
    public void StepDone(long start) => (_bursts ?? Create(ref _bursts)).Record(_clock.GetTimestamp() - start, 1);

    private LatenessHistogram Create(ref LatenessHistogram? field)
    {
        var created = new LatenessHistogram(_clock.TimestampFrequency);
        Volatile.Write(ref field, created);
        return created;
    }
}
