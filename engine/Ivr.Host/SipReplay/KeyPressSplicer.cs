using System.Buffers.Binary;
using Ivr.Media.Dtmf;

namespace Ivr.Host.SipReplay;

/// <summary>
/// Puts the replayed caller's key presses into its audio stream. While a press is being sent, each
/// 20 ms audio packet the pacer produced is replaced by the press's next RFC 4733 packet under the
/// same sequence number: the event starts at the replaced packet's timestamp (§2.5.1.1) and each of
/// its packets stands for one 20 ms frame, so the audio after it goes on at the event's end
/// (<see cref="Rfc4733Sender.NextAudioTimestamp"/>) with sequence numbers and timestamps untouched.
/// <see cref="Press"/> may be called from any thread; <see cref="Splice"/> only from the pacing thread.
/// </summary>
public sealed class KeyPressSplicer(byte telephoneEventPayloadType, uint ssrc)
{
    private readonly Queue<char> _keys = new();
    private readonly Lock _gate = new();
    private readonly Rfc4733Sender _events = new(telephoneEventPayloadType, ssrc);
    private readonly byte[] _packet = new byte[Rfc4733Sender.PacketLength];
    private int _pending;
    private long _sent;

    /// <summary>Key presses whose last end packet has been sent.</summary>
    public long KeysSent => Interlocked.Read(ref _sent);

    /// <summary>Keys waiting or being sent.</summary>
    public bool KeysPending => Volatile.Read(ref _pending) > 0;

    /// <summary>Presses <paramref name="key"/>: sent as soon as the keys before it are done.</summary>
    public void Press(char key)
    {
        if (!DtmfKey.IsKey(key)) throw new ArgumentException($"'{key}' is not a DTMF key (0-9, *, #, A-D)", nameof(key));
        lock (_gate) _keys.Enqueue(key);
        Interlocked.Increment(ref _pending);
    }

    /// <summary>The packet to send in place of <paramref name="audio"/> (a whole RTP packet): the audio itself when no key is due.</summary>
    public ReadOnlySpan<byte> Splice(ReadOnlySpan<byte> audio)
    {
        if (!_events.IsSending)
        {
            char key;
            lock (_gate)
            {
                if (!_keys.TryDequeue(out key)) return audio;
            }

            _events.Start(key, ReadTimestamp(audio));
        }

        var length = _events.WriteNext(_packet, ReadSequenceNumber(audio));
        if (!_events.IsSending)
        {
            Interlocked.Increment(ref _sent);
            Interlocked.Decrement(ref _pending);
        }

        return _packet.AsSpan(0, length);
    }

    // RFC 3550 §5.1: the sequence number at octet 2, the timestamp at octet 4, both big-endian.
    private static ushort ReadSequenceNumber(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);

    private static uint ReadTimestamp(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
}
