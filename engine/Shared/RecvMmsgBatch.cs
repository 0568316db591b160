using System.Runtime.InteropServices;

namespace Ivr.Native;

/// <summary>
/// Native memory for Linux <c>recvmmsg(2)</c>: up to <see cref="Capacity"/> datagrams per system call, each into its
/// own buffer of <see cref="MaxDatagram"/> bytes with its own source-address slot, allocated once and reused for every
/// call, so receiving allocates nothing managed. 64-bit Linux only (<see cref="IsSupported"/>): the message header below
/// is the LP64 layout. One thread at a time. One source for the SIP UDP transport and the RTP receive threads: compiled
/// into Ivr.Sip and Ivr.Media (each links this file; Ivr.Media has no project references and Ivr.Sip must not know media).
/// </summary>
internal sealed unsafe partial class RecvMmsgBatch : IDisposable
{
    /// <summary>Block until one datagram is there, then take what else is queued.</summary>
    public const int WaitForOne = 0x10000;

    /// <summary>Take what is queued, never wait.</summary>
    public const int DontWait = 0x40;

    /// <summary>The errno of a receive that found nothing queued (EWOULDBLOCK is the same number on Linux).</summary>
    public const int EAgain = 11;

    private const int Trunc = 0x20;
    private const int AddressSlot = 128; // sizeof(struct sockaddr_storage)

    private readonly MessageHeader* _messages;
    private readonly IoVector* _vectors;
    private readonly byte* _addresses;
    private readonly byte* _data;

    public RecvMmsgBatch(int capacity, int maxDatagram)
    {
        Capacity = capacity;
        MaxDatagram = maxDatagram;
        _messages = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(MessageHeader)));
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(IoVector)));
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * AddressSlot));
        _data = (byte*)NativeMemory.Alloc((nuint)capacity * (nuint)maxDatagram);
        for (var i = 0; i < capacity; i++)
        {
            _vectors[i].Base = _data + (long)i * maxDatagram;
            _vectors[i].Length = (nuint)maxDatagram;
            _messages[i].Vectors = _vectors + i;
            _messages[i].VectorCount = 1;
            _messages[i].Name = _addresses + i * AddressSlot;
        }
    }

    /// <summary>Linux, 64-bit, x86-64 or arm64.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public int Capacity { get; }

    public int MaxDatagram { get; }

    /// <summary>One <c>recvmmsg</c> on <paramref name="fd"/> with <paramref name="flags"/> (<see cref="WaitForOne"/> or
    /// <see cref="DontWait"/>): the count, or -1 with the errno in <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    public int Receive(int fd, int flags)
    {
        for (var i = 0; i < Capacity; i++)
        {
            _messages[i].NameLength = AddressSlot;
            _messages[i].Flags = 0;
        }

        return recvmmsg(fd, _messages, (uint)Capacity, flags, null);
    }

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/>, writable (SRTP unprotects in place).</summary>
    public Span<byte> Datagram(int index) => new(_data + (long)index * MaxDatagram, (int)Math.Min(_messages[index].Length, (uint)MaxDatagram));

    /// <summary>Whether datagram <paramref name="index"/> was longer than <see cref="MaxDatagram"/> (cut).</summary>
    public bool Truncated(int index) => (_messages[index].Flags & Trunc) != 0;

    /// <summary>The source address of datagram <paramref name="index"/>, as the kernel wrote it (a <c>struct sockaddr</c>).</summary>
    public ReadOnlySpan<byte> Source(int index) => new(_addresses + index * AddressSlot, (int)_messages[index].NameLength);

    public void Dispose()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_data);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int recvmmsg(int fd, MessageHeader* messages, uint count, int flags, void* timeout);

    /// <summary><c>struct mmsghdr</c> on 64-bit Linux: <c>struct msghdr</c> (56 bytes) then <c>msg_len</c>.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct MessageHeader
    {
        [FieldOffset(0)] public void* Name;
        [FieldOffset(8)] public uint NameLength;
        [FieldOffset(16)] public IoVector* Vectors;
        [FieldOffset(24)] public nuint VectorCount;
        [FieldOffset(32)] public void* Control;
        [FieldOffset(40)] public nuint ControlLength;
        [FieldOffset(48)] public int Flags;
        [FieldOffset(56)] public uint Length;
    }

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public void* Base;
        public nuint Length;
    }
}
