using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ivr.Sip.Transport;

/// <summary>
/// Linux recvmmsg(2): up to <see cref="BatchSize"/> datagrams per system call into fixed native buffers (64 KiB each,
/// touched only as far as datagrams reach), so a flood costs one system call per batch and no managed allocation.
/// 64-bit Linux only (<see cref="IsSupported"/>): the message header layout below is the LP64 one.
/// </summary>
internal sealed unsafe partial class RecvMmsgReader : IUdpDatagramReader
{
    public const int BatchSize = 32;
    private const int SlotSize = 65536;
    private const int AddressSize = 128; // sizeof(struct sockaddr_storage)
    private const int MsgWaitForOne = 0x10000;
    private const int EAgain = 11;
    private const int EIntr = 4;
    private readonly Socket _socket;
    private readonly byte* _data;
    private readonly byte* _addresses;
    private readonly IoVec* _vectors;
    private readonly MMsgHdr* _headers;

    public RecvMmsgReader(Socket socket)
    {
        _socket = socket;
        _data = (byte*)NativeMemory.Alloc((nuint)(BatchSize * SlotSize));
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)(BatchSize * AddressSize));
        _vectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(IoVec)));
        _headers = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(MMsgHdr)));
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && IntPtr.Size == 8;

    public int Receive()
    {
        for (var i = 0; i < BatchSize; i++)
        {
            _vectors[i] = new IoVec { Base = _data + (i * SlotSize), Length = SlotSize };
            _headers[i] = new MMsgHdr { Name = _addresses + (i * AddressSize), NameLength = AddressSize, Iov = &_vectors[i], IovLength = 1 };
        }

        var added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            var received = RecvMmsg((int)_socket.SafeHandle.DangerousGetHandle(), _headers, BatchSize, MsgWaitForOne, null);
            if (received >= 0) return received;
            var errno = Marshal.GetLastPInvokeError();
            if (errno is EAgain or EIntr) return 0;
            throw new SocketException(errno == 9 ? (int)SocketError.NotSocket : (int)SocketError.SocketError);
        }
        finally
        {
            if (added) _socket.SafeHandle.DangerousRelease();
        }
    }

    public ReadOnlySpan<byte> Datagram(int index) => new(_data + (index * SlotSize), (int)_headers[index].Received);

    public ReadOnlySpan<byte> Source(int index) => new(_addresses + (index * AddressSize), (int)_headers[index].NameLength);

    public void Dispose()
    {
        NativeMemory.Free(_data);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_headers);
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMmsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct mmsghdr (LP64): struct msghdr (56 bytes) followed by the received length.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct MMsgHdr
    {
        [FieldOffset(0)] public byte* Name;
        [FieldOffset(8)] public uint NameLength;
        [FieldOffset(16)] public IoVec* Iov;
        [FieldOffset(24)] public nuint IovLength;
        [FieldOffset(32)] public void* Control;
        [FieldOffset(40)] public nuint ControlLength;
        [FieldOffset(48)] public int Flags;
        [FieldOffset(56)] public uint Received;
    }
}
