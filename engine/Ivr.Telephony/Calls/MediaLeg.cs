using System.Net;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The media plumbing of one call leg, inbound or placed: its RTP port (<see cref="IRtpTransport"/>), the receive
/// loop, the dead-media watch (<see cref="MediaTimeoutWatch"/>: no RTP for the timeout, outside hold, ends the
/// call) and the port's return to the pool. Packets from strangers (neither the SDP's address nor the signalling
/// source; after latching anyone but the latched one) are dropped by the transport and logged once, as a count, at close. On hold nothing is sent (our answer is recvonly or inactive,
/// RFC 3264 §6.1) and silence is legitimate. <see cref="Close"/> stops everything once. Thread-safe; received
/// packets are handed on on the receive thread, the timeout on a timer thread.
/// </summary>
/// <param name="name">How the log names the leg (<c>call ID</c>, <c>outbound call to …</c>).</param>
internal sealed class MediaLeg(IRtpTransport rtp, Action<int> releasePort, TimeProvider time, TimeSpan mediaTimeout, string name, Action<string> log)
    : IReceivedPackets
{
    private readonly Lock _gate = new();
    private MediaTimeoutWatch? _timeout;
    private long _received;
    private long _sent;
    private volatile bool _onHold;
    private volatile bool _closed;
    private RtpPacketHandler? _onPacket; // the first Receive's, set before its loop starts

    public int LocalPort => rtp.LocalPort;

    public TimeSpan MediaTimeout => mediaTimeout;

    public bool IsClosed => _closed;

    public bool IsOnHold => _onHold;

    /// <summary>Counted by the one receiving thread (a plain write, read by the media timeout's sweep).</summary>
    public long PacketsReceived => Volatile.Read(ref _received);

    public long PacketsSent => Interlocked.Read(ref _sent);

    /// <summary>Packets dropped because they came from a stranger.</summary>
    public long StrangerPackets => rtp.StrangerPackets;

    /// <summary>Starts the receive loop: each packet is counted (media activity, for the timeout's sweep), then goes to <paramref name="onPacket"/>.</summary>
    public void Receive(RtpPacketHandler onPacket) => _ = ReceiveAsync(onPacket);

    /// <summary>From now on, <see cref="MediaTimeout"/> without RTP (outside hold) calls <paramref name="onTimeout"/> once.</summary>
    public void WatchTimeout(Action onTimeout)
    {
        var watch = new MediaTimeoutWatch(time, mediaTimeout, this, onTimeout);
        watch.SetHold(_onHold);
        lock (_gate)
        {
            if (!_closed && _timeout is null)
            {
                _timeout = watch;
                return;
            }
        }

        watch.Dispose();
    }

    public void SetRemote(IPEndPoint remote) => rtp.SetRemote(remote);

    /// <summary>The remote media moved (re-INVITE): send there and latch on its packets anew.</summary>
    public void MoveRemote(IPEndPoint remote)
    {
        rtp.SetRemote(remote);
        rtp.Relatch();
    }

    public void SetHold(bool onHold)
    {
        _onHold = onHold;
        lock (_gate) _timeout?.SetHold(onHold);
    }

    /// <summary>Sends one finished packet; false on hold, after <see cref="Close"/>, or when the socket refused it.</summary>
    public bool Send(ReadOnlySpan<byte> packet)
    {
        if (_closed || _onHold || !rtp.Send(packet)) return false;
        Interlocked.Increment(ref _sent);
        return true;
    }

    /// <summary><see cref="Send"/> as a <c>PacketSink</c> (the pacing thread's, which needs no answer).</summary>
    public void SendPacket(ReadOnlySpan<byte> packet) => Send(packet);

    /// <summary>Stops the timeout watch and the receive loop, closes the socket and returns the port; true for the call that closed it.</summary>
    public bool Close()
    {
        MediaTimeoutWatch? timeout;
        lock (_gate)
        {
            if (_closed) return false;
            _closed = true;
            timeout = _timeout;
        }

        timeout?.Dispose();
        rtp.Dispose(); // ends the receive loop
        releasePort(rtp.LocalPort);
        if (rtp.StrangerPackets is > 0 and var strangers) log($"{name}: dropped {strangers} RTP packets from strangers (not the SDP's address, not the signalling source)");
        return true;
    }

    private async Task ReceiveAsync(RtpPacketHandler onPacket)
    {
        try
        {
            // One loop per leg: a second call's handler is not taken (the transport refuses its second loop, logged below).
            Interlocked.CompareExchange(ref _onPacket, onPacket, null);
            await rtp.ReceiveAsync(Deliver).ConfigureAwait(false); // the leg itself as the handler: no closure between
        }
        catch (Exception ex)
        {
            log($"{name}: RTP receive stopped: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>On the receive thread: one packet counted (media activity) and handed on.</summary>
    private void Deliver(RtpPacket packet)
    {
        if (_closed) return; // closed while this packet was on its way: not handed to a call that has ended
        Volatile.Write(ref _received, _received + 1); // one receiving thread writes it; the timeout's sweep reads it
        _onPacket!(packet);
    }
}
