using Ivr.Media.Rtp;

namespace Ivr.Media.Dtmf;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event packets into key presses, each reported exactly once.
/// <para>
/// An event is identified by its RTP timestamp (RFC 4733 §2.5.1.1: all packets of one event carry
/// the event's start timestamp) within one SSRC; a new SSRC starts afresh. A press is reported on the
/// <b>first packet seen</b> of a new event, whichever it is (start, update or end), so a press whose
/// start or whose end packets were all lost is still reported, once, without waiting for a timeout.
/// Everything else of that event — duration updates (long presses), the usual three end packets,
/// retransmissions, reordered packets — is a <see cref="Rfc4733Outcome.Continuation"/>; the first end
/// packet is flagged <see cref="Rfc4733Outcome.KeyReleased"/> so a caller can learn the duration.
/// Packets of an older event (timestamp before the current one, or one recently reported) are
/// <see cref="Rfc4733Outcome.Stale"/>. A long event cut into segments (§2.5.1.3: the next segment's
/// timestamp lies within the previous segment's duration, or the previous segment reached the 16-bit
/// limit) continues the same press. Nothing resets it when a re-INVITE renegotiates the media: a stream that
/// moves comes with a new SSRC and starts afresh by itself, and a press straddling the re-INVITE on the same
/// stream stays one press.
/// </para>
/// Not thread-safe: feed it from the one thread that receives the call's RTP.
/// </summary>
public sealed class Rfc4733Receiver
{
    private const int HistorySize = 8;
    private const ushort SaturatedDuration = 0xFFFF - 0x0800;

    private readonly (uint Ssrc, uint Timestamp, byte Event)[] _history = new (uint, uint, byte)[HistorySize];
    private int _historyCount;
    private int _historyNext;

    private bool _hasEvent;
    private uint _ssrc;
    private uint _timestamp;
    private byte _event;
    private bool _ended;
    private ushort _duration;

    /// <summary>Key presses reported so far.</summary>
    public long KeyPresses { get; private set; }

    /// <summary>Parses the payload of a packet whose payload type is the negotiated telephone-event type.</summary>
    public Rfc4733Result Receive(in RtpHeader header, ReadOnlySpan<byte> payload) =>
        Rfc4733Event.TryParse(payload, out var value) ? Receive(header.Ssrc, header.Timestamp, value) : Rfc4733Result.Invalid(header.Timestamp);

    public Rfc4733Result Receive(uint ssrc, uint timestamp, Rfc4733Event value)
    {
        if (value.Key is not char key) return Rfc4733Result.Invalid(timestamp);
        if (_hasEvent && ssrc != _ssrc) _hasEvent = false;

        if (_hasEvent)
        {
            var delta = (int)(timestamp - _timestamp);
            if (delta == 0 && value.Event == _event) return Continue(key, value);
            if (delta < 0) return new Rfc4733Result(Rfc4733Outcome.Stale, key, timestamp, value.Duration);
            if (delta > 0 && !_ended && value.Event == _event && ((uint)delta <= _duration || (_duration >= SaturatedDuration && delta <= 0xFFFF)))
            {
                _timestamp = timestamp; // the next segment of a long event (RFC 4733 §2.5.1.3)
                _duration = 0;
                return Continue(key, value);
            }
        }

        if (WasReported(ssrc, timestamp, value.Event)) return new Rfc4733Result(Rfc4733Outcome.Stale, key, timestamp, value.Duration);

        _hasEvent = true;
        _ssrc = ssrc;
        _timestamp = timestamp;
        _event = value.Event;
        _ended = value.End;
        _duration = value.Duration;
        Remember(ssrc, timestamp, value.Event);
        KeyPresses++;
        return new Rfc4733Result(Rfc4733Outcome.KeyPressed, key, timestamp, value.Duration);
    }

    private Rfc4733Result Continue(char key, Rfc4733Event value)
    {
        if (value.Duration > _duration) _duration = value.Duration;
        var outcome = Rfc4733Outcome.Continuation;
        if (value.End && !_ended)
        {
            _ended = true;
            outcome = Rfc4733Outcome.KeyReleased;
        }

        return new Rfc4733Result(outcome, key, _timestamp, _duration);
    }

    private bool WasReported(uint ssrc, uint timestamp, byte eventCode)
    {
        for (var i = 0; i < _historyCount; i++)
        {
            if (_history[i] == (ssrc, timestamp, eventCode)) return true;
        }

        return false;
    }

    private void Remember(uint ssrc, uint timestamp, byte eventCode)
    {
        _history[_historyNext] = (ssrc, timestamp, eventCode);
        _historyNext = (_historyNext + 1) % HistorySize;
        if (_historyCount < HistorySize) _historyCount++;
    }
}
