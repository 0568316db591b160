using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// Native memory for one <c>recvmmsg</c> of up to <see cref="Capacity"/> datagrams: the message headers, one buffer
/// of <see cref="MaxDatagram"/> bytes and one source address slot each. Allocated once per receive thread and reused
/// for every call, so receiving allocates nothing. One thread at a time.
/// </summary>
internal sealed unsafe class DatagramBatch : IDisposable
{
    public const int MaxDatagram = 1500;
    private const int AddressSlot = 32; // sizeof(struct sockaddr_in6) is 28

    private readonly LinuxUdp.MessageHeader* _messages;
    private readonly LinuxUdp.IoVector* _vectors;
    private readonly byte* _addresses;
    private readonly byte* _data;
    private readonly SocketAddress _ipv4 = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _ipv6 = new(AddressFamily.InterNetworkV6);

    public DatagramBatch(int capacity = 16)
    {
        Capacity = capacity;
        _messages = (LinuxUdp.MessageHeader*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(LinuxUdp.MessageHeader)));
        _vectors = (LinuxUdp.IoVector*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(LinuxUdp.IoVector)));
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * AddressSlot));
        _data = (byte*)NativeMemory.Alloc((nuint)(capacity * MaxDatagram));
        for (var i = 0; i < capacity; i++)
        {
            _vectors[i].Base = _data + i * MaxDatagram;
            _vectors[i].Length = MaxDatagram;
            _messages[i].Vectors = _vectors + i;
            _messages[i].VectorCount = 1;
            _messages[i].Name = _addresses + i * AddressSlot;
        }
    }

    public int Capacity { get; }


    /// <summary>Takes what <paramref name="fd"/> has queued, without waiting: the count, 0 when nothing, -1 on an error.</summary>
    public int Receive(int fd)
    {
        for (var i = 0; i < Capacity; i++)
        {
            _messages[i].NameLength = AddressSlot;
            _messages[i].Flags = 0;
        }

        var count = LinuxUdp.ReceiveMany(fd, _messages, Capacity);
        return count >= 0 ? count : 0;
    }

    /// <summary>Whether datagram <paramref name="index"/> was longer than <see cref="MaxDatagram"/> (cut: dropped).</summary>
    public bool Truncated(int index) => (_messages[index].Flags & LinuxUdp.MsgTrunc) != 0;

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/>, writable (SRTP unprotects in place).</summary>
    public Span<byte> Datagram(int index) => new(_data + index * MaxDatagram, (int)Math.Min(_messages[index].Length, MaxDatagram));

    /// <summary>The source of datagram <paramref name="index"/>, copied (native layout, as .NET keeps it) into one of two
    /// addresses this batch reuses, sized as a socket of that family fills them, so comparing with an address a socket
    /// or an <see cref="IPEndPoint"/> made works; null for a source of another size.</summary>
    public SocketAddress? SourceOf(int index)
    {
        var length = (int)_messages[index].NameLength;
        var address = length == _ipv4.Size ? _ipv4 : length == _ipv6.Size ? _ipv6 : null;
        if (address is null) return null;
        new ReadOnlySpan<byte>(_addresses + index * AddressSlot, length).CopyTo(address.Buffer.Span);
        return address;
    }

    public void Dispose()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_data);
    }
}
