using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// The Linux calls the shared receive threads use to wait (64-bit only): <c>epoll(7)</c> on many RTP sockets at once
/// (<c>struct epoll_event</c> is packed on x86-64). They read each ready socket with <see cref="Ivr.Native.RecvMmsgBatch"/>.
/// </summary>
internal static unsafe partial class LinuxUdp
{
    public const uint EpollIn = 0x001;
    public const uint EpollEdgeTriggered = 0x80000000;
    public const int Eintr = 4;

    private const int EpollCloExec = 0x80000;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;

    /// <summary>Whether this process can use them: Linux, 64-bit, x86-64 or arm64.</summary>
    public static bool Available => Ivr.Native.RecvMmsgBatch.IsSupported;

    /// <summary>sizeof(struct epoll_event): 12 on x86-64 (packed), 16 elsewhere.</summary>
    public static int EpollEventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static int EpollDataOffset => EpollEventSize == 12 ? 4 : 8;

    public static int CreateEpoll()
    {
        var fd = epoll_create1(EpollCloExec);
        return fd >= 0 ? fd : throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Watches <paramref name="fd"/> for input, edge-triggered: an event when datagrams arrive, not again for
    /// what is still queued (so a wait does not poll every socket it reported last time again); the reader takes all
    /// or comes back for the rest by itself. <paramref name="token"/> comes back with each event.</summary>
    public static void Add(int epoll, int fd, long token)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = EpollIn | EpollEdgeTriggered;
        *(long*)(ev + EpollDataOffset) = token;
        if (epoll_ctl(epoll, EpollCtlAdd, fd, ev) != 0)
            throw new InvalidOperationException($"epoll_ctl ADD failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Stops watching <paramref name="fd"/> (the fd must still be open: a closed one is gone already).</summary>
    public static void Remove(int epoll, int fd)
    {
        var ev = stackalloc byte[16];
        _ = epoll_ctl(epoll, EpollCtlDel, fd, ev);
    }

    /// <summary>Waits for events; the count, or -1 (errno in <see cref="Marshal.GetLastPInvokeError"/>).</summary>
    public static int Wait(int epoll, byte* events, int maxEvents, int timeoutMs) => epoll_wait(epoll, events, maxEvents, timeoutMs);

    /// <summary>The token of event <paramref name="index"/>.</summary>
    public static long TokenOf(byte* events, int index) => *(long*)(events + index * EpollEventSize + EpollDataOffset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epfd, byte* events, int maxEvents, int timeout);
}
