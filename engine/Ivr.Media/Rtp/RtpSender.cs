using System.Security.Cryptography;

namespace Ivr.Media.Rtp;

/// <summary>
/// The sending side of one RTP stream (RFC 3550 §5.1): a random SSRC, initial sequence number and
/// initial timestamp (§5.1: "SHOULD be random"); the sequence number +1 per packet; the timestamp
/// + the packet's sample count; and the marker bit on the first packet of each talkspurt (RFC 3551
/// §4.1). After a pause (a stopped prompt, silence not sent) <see cref="BeginTalkspurt"/> makes the
/// next packet carry the marker and a timestamp advanced by the time that really elapsed, rounded to
/// whole packets, so the receiver's playout clock stays right. Writes headers into caller buffers;
/// allocates nothing per packet. Not thread-safe: one sending thread per stream.
/// </summary>
public sealed class RtpSender
{
    private readonly TimeProvider _time;
    private readonly int _clockRate;
    private bool _markerPending = true;
    private bool _sentAny;
    private long _lastSentTicks;
    private uint _lastTimestamp;
    private int _lastSamples;

    public RtpSender(byte payloadType, TimeProvider timeProvider, int clockRate = 8000, uint? ssrc = null, ushort? initialSequenceNumber = null, uint? initialTimestamp = null)
    {
        if (payloadType > 127) throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "RTP payload type is 7 bits (0..127)");
        if (clockRate <= 0) throw new ArgumentOutOfRangeException(nameof(clockRate), clockRate, "clock rate must be positive");
        PayloadType = payloadType;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _clockRate = clockRate;
        Ssrc = ssrc ?? RandomUInt32();
        NextSequenceNumber = initialSequenceNumber ?? (ushort)RandomUInt32();
        NextTimestamp = initialTimestamp ?? RandomUInt32();
    }

    public byte PayloadType { get; }

    public uint Ssrc { get; }

    public ushort NextSequenceNumber { get; private set; }

    public uint NextTimestamp { get; private set; }

    public long PacketsSent { get; private set; }

    /// <summary>Whether the next packet will carry the marker bit.</summary>
    public bool TalkspurtPending => _markerPending;

    /// <summary>The next packet starts a talkspurt: marker set, timestamp continued by the elapsed time.</summary>
    public void BeginTalkspurt() => _markerPending = true;

    /// <summary>
    /// Where another source (a bridged agent) continues this stream once it stops sending: same SSRC, the next
    /// sequence number, and the timestamp advanced by the time elapsed since the last packet (as after a pause).
    /// Call it only when this stream no longer sends.
    /// </summary>
    public RtpContinuation Continuation() => new(Ssrc, NextSequenceNumber, TimestampNow(_time.GetTimestamp()));

    /// <summary>
    /// Writes the 12-octet header of the next packet, which carries <paramref name="samples"/> samples,
    /// then advances sequence number and timestamp. Returns the header length.
    /// </summary>
    public int WriteHeader(Span<byte> destination, int samples)
    {
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "a packet carries at least one sample");
        var now = _time.GetTimestamp();
        if (_markerPending) NextTimestamp = TimestampNow(now);

        var length = new RtpHeader(PayloadType, NextSequenceNumber, NextTimestamp, Ssrc, _markerPending).WriteTo(destination);
        _markerPending = false;
        _sentAny = true;
        _lastSentTicks = now;
        _lastTimestamp = NextTimestamp;
        _lastSamples = samples;
        NextSequenceNumber = unchecked((ushort)(NextSequenceNumber + 1));
        NextTimestamp = unchecked(NextTimestamp + (uint)samples);
        PacketsSent++;
        return length;
    }

    /// <summary>The next timestamp continued by the time elapsed since the last packet, rounded to whole packets (at least one).</summary>
    private uint TimestampNow(long now)
    {
        if (!_sentAny) return NextTimestamp;
        var elapsed = _time.GetElapsedTime(_lastSentTicks, now).TotalSeconds * _clockRate;
        var packets = Math.Max(1, (long)Math.Round(elapsed / _lastSamples));
        return unchecked(_lastTimestamp + (uint)(packets * _lastSamples));
    }

    private static uint RandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}
