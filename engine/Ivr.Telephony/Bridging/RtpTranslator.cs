using System.Security.Cryptography;
using Ivr.Media.Codecs;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Bridging;

/// <summary>
/// One direction of a bridge, as an RTP translator (RFC 3550 §7.1, RFC 7667 §3.2.1.3): each packet received on one
/// leg is re-packetized for the other with this translator's own SSRC, and sequence numbers and timestamps moved
/// by fixed offsets (so gaps, reordering and talkspurts survive); a change of the incoming SSRC, or a sequence jump
/// of more than <see cref="MaxSequenceJump"/> within one, continues the outgoing numbering seamlessly and sets the
/// marker. Given the stream the other leg heard so far (<c>continueStream</c>, the caller's prompt stream), the
/// first packet continues it: the next sequence number and the timestamp moved on by the time that passed, under that
/// stream's SSRC (constant SSRC, as Asterisk's <c>constant_ssrc</c>), so the caller's phone sees one stream and drops
/// nothing; packets are held back (dropped) while that stream still sends (null). Audio of the negotiated G.711 law is copied, or transcoded
/// PCMU↔PCMA when the legs differ; RFC 4733 events get the other leg's telephone-event type (dropped when it has
/// none); anything else (comfort noise, unknown types) is dropped. CSRCs, header extensions and padding are not
/// forwarded. Not thread-safe: one receiving thread per direction.
/// </summary>
internal sealed class RtpTranslator
{
    private readonly NegotiatedMedia _from;
    private readonly NegotiatedMedia _to;
    private readonly short[] _pcm = new short[1500];
    private readonly Func<RtpContinuation?>? _continueStream;
    private bool _started;
    private uint _inSsrc;
    private ushort _seqOffset;
    private uint _tsOffset;
    private ushort _lastSeq;
    private uint _lastTimestamp;

    /// <summary>Packets more than this far from the last one (either way) within one SSRC start a new source.</summary>
    public const int MaxSequenceJump = 3000;

    /// <param name="ssrc">The outgoing SSRC (random when null); with <paramref name="continueStream"/>, that stream's.</param>
    /// <param name="continueStream">The stream the first packet continues; null while it still sends.</param>
    public RtpTranslator(NegotiatedMedia from, NegotiatedMedia to, uint? ssrc = null, Func<RtpContinuation?>? continueStream = null)
    {
        _from = from;
        _to = to;
        _continueStream = continueStream;
        Ssrc = ssrc ?? BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
    }

    public uint Ssrc { get; }

    public long Translated { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Writes the packet for the other leg into <paramref name="destination"/> (≥ 12 + payload bytes); returns its length, 0 when dropped.</summary>
    public int Translate(RtpPacket packet, Span<byte> destination)
    {
        var header = packet.Header;
        byte payloadType;
        var transcode = false;
        if (header.PayloadType == _from.PayloadType)
        {
            payloadType = (byte)_to.PayloadType;
            transcode = _from.Law != _to.Law;
        }
        else if (header.PayloadType == _from.TelephoneEventPayloadType && _to.TelephoneEventPayloadType is { } te)
        {
            payloadType = (byte)te;
        }
        else
        {
            Dropped++;
            return 0;
        }

        var payload = packet.Payload;
        if (RtpHeader.FixedLength + payload.Length > destination.Length || payload.Length > _pcm.Length)
        {
            Dropped++;
            return 0;
        }

        var marker = header.Marker;
        if (!_started || header.Ssrc != _inSsrc || Math.Abs((short)(header.SequenceNumber + _seqOffset - _lastSeq)) > MaxSequenceJump)
        {
            // First packet, or a new source on that leg: continue our numbering right after the last packet sent.
            (ushort Sequence, uint Timestamp)? next = _started ? (unchecked((ushort)(_lastSeq + 1)), unchecked(_lastTimestamp + G711.SamplesPer20Ms)) : FirstNumbers();
            if (next is not { } numbers)
            {
                Dropped++;
                return 0;
            }

            var (nextSeq, nextTs) = numbers;

            _seqOffset = unchecked((ushort)(nextSeq - header.SequenceNumber));
            _tsOffset = unchecked(nextTs - header.Timestamp);
            _inSsrc = header.Ssrc;
            _started = true;
            marker = true;
        }

        var sequence = unchecked((ushort)(header.SequenceNumber + _seqOffset));
        var timestamp = unchecked(header.Timestamp + _tsOffset);
        if ((short)(sequence - _lastSeq) > 0 || Translated == 0)
        {
            _lastSeq = sequence;
            _lastTimestamp = timestamp;
        }

        var length = new RtpHeader(payloadType, sequence, timestamp, Ssrc, marker).WriteTo(destination);
        var body = destination.Slice(length, payload.Length);
        if (transcode)
        {
            var pcm = _pcm.AsSpan(0, payload.Length);
            G711.Decode(_from.Law, payload, pcm);
            G711.Encode(_to.Law, pcm, body);
        }
        else
        {
            payload.CopyTo(body);
        }

        Translated++;
        return length + payload.Length;
    }

    private (ushort Sequence, uint Timestamp)? FirstNumbers()
    {
        if (_continueStream is not null) return _continueStream() is { } stream ? (stream.NextSequenceNumber, stream.NextTimestamp) : null;
        return ((ushort)RandomNumberGenerator.GetInt32(0, 65536), BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)));
    }
}
