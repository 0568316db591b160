using System.Buffers.Binary;

namespace Ivr.Media.Dtmf;

/// <summary>
/// The RFC 4733 §2.3 "telephone-event" payload: event code (8 bits), E bit (end of event), R
/// (reserved, written 0, ignored on read), volume (6 bits, −dBm0, 0..63) and duration (16 bits, in
/// RTP timestamp units from the event's start).
/// </summary>
public readonly record struct Rfc4733Event(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Octets of one event block.</summary>
    public const int Length = 4;

    /// <summary>The DTMF key of <see cref="Event"/>, or null for a non-DTMF event (e.g. 16, flash).</summary>
    public char? Key => DtmfKey.FromEvent(Event);

    /// <summary>Reads the first event block; false when the payload is shorter than 4 octets.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out Rfc4733Event value)
    {
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        value = new Rfc4733Event(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4-octet block and returns 4.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (Volume > 63) throw new ArgumentOutOfRangeException(nameof(Volume), Volume, "RFC 4733 volume is 6 bits (0..63 −dBm0)");
        if (destination.Length < Length) throw new ArgumentException($"an RFC 4733 event needs {Length} bytes, got {destination.Length}", nameof(destination));
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }
}
