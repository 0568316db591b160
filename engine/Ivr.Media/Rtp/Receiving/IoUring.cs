using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One Linux <c>io_uring</c> (64-bit, x86-64 or arm64), spoken through its three system calls and its shared rings —
/// only what a receive thread needs: a multishot <c>recvmsg</c> into a group of provided buffers, a multishot poll, a
/// cancel, and one <c>io_uring_enter</c> that submits and collects. Made <c>SINGLE_ISSUER | DEFER_TASKRUN</c> and
/// disabled: the thread that calls <see cref="Enable"/> becomes its only submitter, and the kernel's work for each
/// arrival (the receive into a buffer, the completion) waits until that thread enters the ring — one system call takes
/// every socket's datagrams since the last. One thread at a time; the kernel's structures are described in
/// <c>io_uring_setup(2)</c> and <c>linux/io_uring.h</c>.
/// </summary>
internal sealed unsafe partial class IoUring : IDisposable
{
    public const uint CompletionHasBuffer = 1u << 0; // IORING_CQE_F_BUFFER: the buffer id in the upper 16 bits
    public const uint CompletionHasMore = 1u << 1; // IORING_CQE_F_MORE: the request goes on; without it, it has ended
    public const int BufferShift = 16;

    private const long SetupCall = 425, EnterCall = 426, RegisterCall = 427; // the same numbers on x86-64 and arm64
    private const uint SetupCompletionQueueSize = 1u << 3, SetupDisabled = 1u << 6, SetupSubmitAll = 1u << 7;
    private const uint SetupSingleIssuer = 1u << 12, SetupDeferTaskRun = 1u << 13;
    private const uint FeatureSingleMmap = 1u << 0, FeatureNoDrop = 1u << 1, FeatureExtendedArgument = 1u << 8;
    private const uint EnterGetEvents = 1u << 0, EnterExtendedArgument = 1u << 3;
    private const uint RegisterOpEnableRings = 12, RegisterOpBufferRing = 22;
    private const byte OpPollAdd = 6, OpRecvMsg = 10, OpAsyncCancel = 14;
    private const byte SqeBufferSelect = 1 << 5;
    private const ushort RecvMultishot = 1 << 1;
    private const uint PollAddMulti = 1u << 0, PollIn = 1;
    private const long OffsetCompletionRing = 0x8000000, OffsetEntries = 0x10000000;
    private const int ProtRead = 1, ProtWrite = 2, MapShared = 1, MapPopulate = 0x8000;
    private const int Eintr = 4, Ebusy = 16, Etime = 62;

    private readonly int _fd;
    private readonly byte* _rings; // the submission and completion rings (one mapping)
    private readonly nuint _ringsSize;
    private readonly byte* _entries;
    private readonly nuint _entriesSize;
    private readonly uint* _sqTail;
    private readonly uint* _sqHead;
    private readonly uint _sqMask;
    private readonly uint _sqEntries;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint _cqMask;
    private readonly uint _cqEntries;
    private readonly Completion* _completions;
    private uint _tail; // submission entries written, published to the kernel by Enter
    private uint _submitted; // ... and of them, handed over
    private bool _disposed;

    [StructLayout(LayoutKind.Sequential)]
    public struct Completion
    {
        public ulong UserData;
        public int Result;
        public uint Flags;
    }

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct SubmissionEntry
    {
        public byte Opcode;
        public byte Flags;
        public ushort IoPriority;
        public int Fd;
        public ulong Offset;
        public ulong Address;
        public uint Length;
        public uint OpFlags; // msg_flags, poll32_events, cancel_flags
        public ulong UserData;
        public ushort BufferGroup;
    }

    /// <summary>A disabled ring of <paramref name="submissions"/> and <paramref name="completions"/> entries (powers of
    /// two); throws <see cref="IoUringUnavailableException"/> when this kernel or its policy refuses (older than 6.1, a
    /// container's seccomp, <c>kernel.io_uring_disabled</c>).</summary>
    public IoUring(uint submissions, uint completions)
    {
        if (!IsPlatformSupported) throw new IoUringUnavailableException("io_uring needs 64-bit Linux on x86-64 or arm64");
        var parameters = stackalloc byte[120];
        new Span<byte>(parameters, 120).Clear();
        *(uint*)(parameters + 4) = completions;
        *(uint*)(parameters + 8) = SetupCompletionQueueSize | SetupDisabled | SetupSubmitAll | SetupSingleIssuer | SetupDeferTaskRun;
        var fd = syscall(SetupCall, submissions, (long)parameters, 0, 0, 0, 0);
        if (fd < 0) throw new IoUringUnavailableException($"io_uring_setup refused: errno {Marshal.GetLastPInvokeError()}");
        _fd = (int)fd;
        try
        {
            var features = *(uint*)(parameters + 20);
            const uint needed = FeatureSingleMmap | FeatureNoDrop | FeatureExtendedArgument;
            if ((features & needed) != needed) throw new IoUringUnavailableException($"io_uring lacks features this receiver needs ({features:x})");
            _sqEntries = *(uint*)parameters;
            var cqEntries = _cqEntries = *(uint*)(parameters + 4);
            var sq = parameters + 40;
            var cq = parameters + 80;
            var sqSize = *(uint*)(sq + 24) + _sqEntries * 4; // through the index array
            var cqSize = *(uint*)(cq + 20) + cqEntries * (uint)sizeof(Completion);
            _ringsSize = Math.Max(sqSize, cqSize);
            _rings = Map(_ringsSize, 0);
            _entriesSize = _sqEntries * 64u;
            _entries = Map(_entriesSize, OffsetEntries);
            _sqHead = (uint*)(_rings + *(uint*)(sq + 0));
            _sqTail = (uint*)(_rings + *(uint*)(sq + 4));
            _sqMask = *(uint*)(_rings + *(uint*)(sq + 8));
            var array = (uint*)(_rings + *(uint*)(sq + 24));
            for (uint i = 0; i < _sqEntries; i++) array[i] = i; // entry i in slot i: the indirection unused
            _cqHead = (uint*)(_rings + *(uint*)(cq + 0));
            _cqTail = (uint*)(_rings + *(uint*)(cq + 4));
            _cqMask = *(uint*)(_rings + *(uint*)(cq + 8));
            _completions = (Completion*)(_rings + *(uint*)(cq + 20));
            _tail = *_sqTail;
            _submitted = _tail;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static bool IsPlatformSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Registers <paramref name="entries"/> provided buffers' ring at <paramref name="ring"/> (page-aligned, 16
    /// bytes an entry) as buffer group <paramref name="group"/>.</summary>
    public void RegisterBufferRing(void* ring, uint entries, ushort group)
    {
        var registration = stackalloc ulong[5];
        new Span<ulong>(registration, 5).Clear();
        registration[0] = (ulong)ring;
        *(uint*)(registration + 1) = entries;
        *((ushort*)(registration + 1) + 2) = group;
        if (syscall(RegisterCall, _fd, RegisterOpBufferRing, (long)registration, 1, 0, 0) < 0)
            throw new IoUringUnavailableException($"io_uring buffer ring refused: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Enables the ring, the calling thread its only submitter from now on.</summary>
    public void Enable()
    {
        if (syscall(RegisterCall, _fd, RegisterOpEnableRings, 0, 0, 0, 0) < 0)
            throw new InvalidOperationException($"io_uring enable failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Entries written and not yet handed to the kernel.</summary>
    public bool HasUnsubmitted => _tail != _submitted;

    /// <summary>A multishot <c>recvmsg</c> on <paramref name="fd"/>: one completion per datagram, each in a buffer of
    /// <paramref name="group"/> laid out after <paramref name="header"/> (its name and control lengths); false when the
    /// submission ring is full (call <see cref="Enter"/> and try again).</summary>
    public bool ReceiveMessages(int fd, void* header, ushort group, ulong userData)
    {
        var entry = Next();
        if (entry is null) return false;
        entry->Opcode = OpRecvMsg;
        entry->Flags = SqeBufferSelect;
        entry->IoPriority = RecvMultishot;
        entry->Fd = fd;
        entry->Address = (ulong)header;
        entry->Length = 1;
        entry->UserData = userData;
        entry->BufferGroup = group;
        return true;
    }

    /// <summary>A multishot poll for input on <paramref name="fd"/> (an eventfd that wakes the thread).</summary>
    public bool PollInput(int fd, ulong userData)
    {
        var entry = Next();
        if (entry is null) return false;
        entry->Opcode = OpPollAdd;
        entry->Fd = fd;
        entry->Length = PollAddMulti;
        entry->OpFlags = PollIn;
        entry->UserData = userData;
        return true;
    }

    /// <summary>Cancels the request submitted with <paramref name="target"/>; its last completion (no
    /// <see cref="CompletionHasMore"/>) follows.</summary>
    public bool Cancel(ulong target, ulong userData)
    {
        var entry = Next();
        if (entry is null) return false;
        entry->Opcode = OpAsyncCancel;
        entry->Fd = -1;
        entry->Address = target;
        entry->UserData = userData;
        return true;
    }

    /// <summary>Hands over what was written and runs the kernel's deferred work (every arrival since the last call
    /// becomes a completion); with <paramref name="wait"/>, first sleeps until a completion is due. False when
    /// interrupted, or busy until overflowed completions are read (nothing lost: read them, call again).</summary>
    /// <remarks>Without a wait the call asks for as many completions as the ring holds, with a zero timeout: the kernel
    /// runs at most max(20, that minimum) items of deferred work a call, and asked for none it would run only 20 sockets'
    /// receives — at 1,000 talking calls a thread, 45 % of a tick's datagrams were left to the next tick (issue 13,
    /// session 29). It answers "timed out" at once when fewer came, which is the normal case.</remarks>
    public bool Enter(bool wait)
    {
        Volatile.Write(ref *_sqTail, _tail); // entries written before the kernel may see them
        var timeout = stackalloc long[2] { 0, 0 };
        var argument = stackalloc ulong[3] { 0, 0, (ulong)timeout }; // struct io_uring_getevents_arg: no signal mask
        var result = wait
            ? syscall(EnterCall, _fd, _tail - _submitted, 1, EnterGetEvents, 0, 0)
            : syscall(EnterCall, _fd, _tail - _submitted, _cqEntries, EnterGetEvents | EnterExtendedArgument, (long)argument, 24);
        if (result >= 0)
        {
            _submitted += (uint)result; // SUBMIT_ALL: all of them unless the kernel stopped early
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == Etime) return true; // the zero timeout: fewer than a ring's worth came, all of them read
        if (errno is Eintr or Ebusy) return false;
        throw new InvalidOperationException($"io_uring_enter failed: errno {errno}");
    }

    /// <summary>Completions ready now (read from the ring, in order, then <see cref="Consume"/>d).</summary>
    public uint Ready => Volatile.Read(ref *_cqTail) - *_cqHead;

    /// <summary>The <paramref name="index"/>th ready completion.</summary>
    public ref readonly Completion Peek(uint index) => ref _completions[(*_cqHead + index) & _cqMask];

    /// <summary>Gives <paramref name="count"/> completions' places back to the kernel.</summary>
    public void Consume(uint count) => Volatile.Write(ref *_cqHead, *_cqHead + count);

    private SubmissionEntry* Next()
    {
        if (_tail - Volatile.Read(ref *_sqHead) >= _sqEntries) return null;
        var entry = (SubmissionEntry*)(_entries + (_tail & _sqMask) * 64);
        new Span<byte>(entry, 64).Clear();
        _tail++;
        return entry;
    }

    private byte* Map(nuint size, long offset)
    {
        var address = mmap(null, size, ProtRead | ProtWrite, MapShared | MapPopulate, _fd, offset);
        if (address == (void*)-1) throw new IoUringUnavailableException($"io_uring mmap failed: errno {Marshal.GetLastPInvokeError()}");
        return (byte*)address;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_entries is not null) munmap(_entries, _entriesSize);
        if (_rings is not null) munmap(_rings, _ringsSize);
        close(_fd);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, long a, long b, long c, long d, long e, long f);

    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc")]
    private static partial int munmap(void* address, nuint length);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}

/// <summary>This machine will not give the process an <c>io_uring</c> as the receive threads need it; they use
/// <c>epoll</c> instead.</summary>
internal sealed class IoUringUnavailableException(string message) : Exception(message);
