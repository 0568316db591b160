using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One receive thread: waits on the sockets of many calls at once (one <c>epoll</c> set, level-triggered) and, for
/// each socket that has datagrams, lets its <see cref="RtpReceiver"/> take them (<c>recvmmsg</c>) and handle them
/// synchronously. No work item, task or allocation per packet; the thread lives as long as the process.
/// </summary>
internal sealed unsafe class RtpReceiveThread
{
    private const int MaxEvents = 256;

    private readonly int _epoll = LinuxUdp.CreateEpoll();
    private readonly TokenTable<RtpReceiver> _receivers = new();
    private readonly Action<string> _log;

    public RtpReceiveThread(string name, Action<string> log)
    {
        _log = log;
        Removal = Remove;
        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    public int Count => _receivers.Count;

    /// <summary><see cref="Remove"/> as the one delegate every receiver on this thread is given (not one per call).</summary>
    public Action<RtpReceiver> Removal { get; }

    public void Add(RtpReceiver receiver)
    {
        LinuxUdp.Add(_epoll, receiver.Fd, _receivers.Add(receiver));
    }

    /// <summary>Off the epoll set; the fd is held open meanwhile, so a number reused by a newer socket is never removed.</summary>
    public void Remove(RtpReceiver receiver)
    {
        _receivers.Remove(receiver);
        if (!receiver.TryReferenceSocket()) return; // closed: the kernel has taken it off the set
        LinuxUdp.Remove(_epoll, receiver.Fd);
        receiver.ReleaseSocket();
    }

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxUdp.EpollEventSize));
        using var batch = new DatagramBatch();
        while (true)
        {
            var count = LinuxUdp.Wait(_epoll, events, MaxEvents, -1);
            if (count < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxUdp.Eintr) continue;
                _log($"RTP receive thread {Thread.CurrentThread.Name}: epoll_wait failed, errno {errno}; stopped");
                return;
            }

            for (var i = 0; i < count; i++)
            {
                _receivers.Find(LinuxUdp.TokenOf(events, i))?.Drain(batch);
            }
        }
    }
}
