using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// One receive thread where <c>io_uring</c> is refused (<see cref="UringReceiveThread"/>): waits on the sockets of many
/// calls at once (one <c>epoll</c> set, edge-triggered) and, for
/// each socket that has datagrams, lets its <see cref="RtpReceiver"/> take them (<c>recvmmsg</c>) and handle them
/// synchronously; a socket with more than its turn's share queued is read again next round, after the others. No work
/// item, task or allocation per packet; the thread lives as long as the process.
/// </summary>
internal sealed unsafe class EpollReceiveThread : IRtpReceiveThread
{
    private const int MaxEvents = 256;

    private readonly int _epoll = LinuxUdp.CreateEpoll();
    private readonly TokenTable<RtpReceiver> _receivers = new();
    private readonly Action<string> _log;

    public EpollReceiveThread(string name, Action<string> log)
    {
        _log = log;
        Removal = Remove;
        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    public int Count => _receivers.Count;

    /// <summary><see cref="Remove"/> as the one delegate every receiver on this thread is given (not one per call).</summary>
    public Action<RtpReceiver> Removal { get; }

    /// <summary>Watches the receiver's socket, held open while it is here; a socket closed already stops the receiver.</summary>
    public void Add(RtpReceiver receiver)
    {
        if (receiver.Register(_epoll, _receivers.Add(receiver))) return;
        _receivers.Remove(receiver);
        receiver.Stop();
    }

    /// <summary>Off the epoll set (the fd held open meanwhile, so a number reused by a newer socket is never removed) and
    /// its socket let go: closed now if disposed, or when a drain reading it ends.</summary>
    public void Remove(RtpReceiver receiver)
    {
        _receivers.Remove(receiver);
        receiver.Unregister(_epoll);
    }

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxUdp.EpollEventSize));
        using var batch = new DatagramBatch();
        var unfinished = new List<RtpReceiver>();
        var next = new List<RtpReceiver>();
        while (true)
        {
            // Sockets left with datagrams last round get no new event (edge-triggered): do not sleep while there are any.
            var count = LinuxUdp.Wait(_epoll, events, MaxEvents, unfinished.Count > 0 ? 0 : -1);
            if (count < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxUdp.Eintr) continue;
                _log($"RTP receive thread {Thread.CurrentThread.Name}: epoll_wait failed, errno {errno}; stopped");
                return;
            }

            for (var i = 0; i < count; i++)
            {
                if (_receivers.Find(LinuxUdp.TokenOf(events, i)) is { } receiver) Drain(receiver, batch, next);
            }

            foreach (var receiver in unfinished)
            {
                receiver.Unfinished = false;
                Drain(receiver, batch, next);
            }

            unfinished.Clear();
            (unfinished, next) = (next, unfinished);
        }
    }

    /// <summary>One socket's turn; one left with datagrams is kept for the next round (once, however often it is ready).</summary>
    private static void Drain(RtpReceiver receiver, DatagramBatch batch, List<RtpReceiver> next)
    {
        if (receiver.Drain(batch) || receiver.Unfinished) return;
        receiver.Unfinished = true;
        next.Add(receiver);
    }
}
