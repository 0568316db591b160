namespace Ivr.Telephony.Calls;

/// <summary>What a <see cref="MediaTimeoutWatch"/> reads to see media arrive: the packets received so far, counted by
/// the one receiving thread.</summary>
internal interface IReceivedPackets
{
    long PacketsReceived { get; }
}

/// <summary>
/// Notices a dead media path: when no RTP arrived for <c>timeout</c> (counted from the start or the last
/// packet), outside hold, it calls <c>onTimeout</c> once. Checked every period (a fifth of the timeout, 10 ms to 1 s)
/// by the shared <see cref="MediaTimeoutSweep"/> of the injected <see cref="TimeProvider"/> (one timer for all calls),
/// which reads the leg's packet count: a check that sees it unchanged is a silent one, and the watch fires after as
/// many silent checks in a row as the timeout holds periods. So a packet costs the receiving thread nothing here (a
/// clock read and a write to the watch per packet were one more object touched per packet, issue 13), and the watch
/// fires when it did before: never sooner than the timeout after the last packet, at most a period later (the timeout
/// a whole number of periods; else up to two).
/// Thread-safe.
/// </summary>
internal sealed class MediaTimeoutWatch : IDisposable
{
    private readonly IReceivedPackets _media;
    private readonly Action _onTimeout;
    private readonly MediaTimeoutSweep _sweep;
    private readonly long _silentChecksToFire;
    private long _packetsSeen;
    private long _silentChecks = -1; // the next check is the one that follows the start: not a silent one yet
    private int _onHold;
    private int _fired;

    public MediaTimeoutWatch(TimeProvider time, TimeSpan timeout, IReceivedPackets media, Action onTimeout)
    {
        _media = media;
        _onTimeout = onTimeout;
        _packetsSeen = media.PacketsReceived;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 5, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _silentChecksToFire = Math.Max(1, (timeout.Ticks + period.Ticks - 1) / period.Ticks);
        _sweep = MediaTimeoutSweep.For(time, period);
        _sweep.Add(this);
    }

    /// <summary>On hold the peer may legitimately send nothing; resuming restarts the count.</summary>
    public void SetHold(bool onHold)
    {
        Volatile.Write(ref _silentChecks, -1);
        Volatile.Write(ref _onHold, onHold ? 1 : 0);
    }

    public void Dispose() => _sweep.Remove(this);

    /// <summary>By the sweep, once a period: a packet since the last check restarts the count; else one more silent
    /// check, and at the timeout's worth of them (outside hold) the watch fires, once.</summary>
    internal void Check()
    {
        var packets = _media.PacketsReceived;
        if (packets != Volatile.Read(ref _packetsSeen))
        {
            Volatile.Write(ref _packetsSeen, packets);
            Volatile.Write(ref _silentChecks, 0); // the packet came within the period this check closes
            return;
        }

        if (Volatile.Read(ref _onHold) == 1) return;
        var silent = Volatile.Read(ref _silentChecks) + 1;
        Volatile.Write(ref _silentChecks, silent);
        if (silent < _silentChecksToFire || Interlocked.Exchange(ref _fired, 1) == 1) return;
        _sweep.Remove(this);
        _onTimeout();
    }
}
