namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// The process's shared RTP receive threads (Linux, 64-bit): up to one per core, each waiting on its share of the calls'
/// sockets. A new call goes to the first thread holding fewer than <see cref="CallsPerThread"/> calls, so the next thread
/// takes only what the first cannot (as the pacing threads do): every thread with talking calls wakes about a thousand
/// times a second (an <c>epoll</c> thread for each burst of packets, an <c>io_uring</c> thread each 1 ms tick), so two
/// threads serving 300 calls wake twice as often as one. When every thread holds its share, the least loaded takes the
/// call. The threads are <see cref="UringReceiveThread"/>s where the kernel gives the process an <c>io_uring</c>, else
/// <see cref="EpollReceiveThread"/>s (the first refusal is logged once). Replaces one
/// <c>ReceiveFromAsync</c> loop per call, whose async state machine and thread-pool work item per packet cost a third of
/// the server's CPU at 1,000 held calls (issue 13). Elsewhere <see cref="Shared"/> is null and each endpoint keeps its
/// own managed loop.
/// </summary>
internal sealed class RtpReceiveThreads
{
    /// <summary>Calls one thread takes before the next takes new ones. 500 talking callers (25,000 packets a second,
    /// in-band key detection on each) cost one receive thread about a sixth of a core. With 1,000 a thread, on two cores
    /// shared with the load generator and a capture, key → prompt p99 rose from 3.8 to 8.0–9.6 ms: a preempted thread
    /// holds up every one of its calls' packets (issue 13, session 27).</summary>
    public const int CallsPerThread = 500;

    /// <summary>Names the way to wait in <c>IVR_RTP_RECEIVE</c>: <c>epoll</c> keeps every receive thread on
    /// <c>epoll</c> even where <c>io_uring</c> is given (an operator's way back; A/B runs).</summary>
    public const string WayVariable = "IVR_RTP_RECEIVE";

    private static readonly Lazy<RtpReceiveThreads?> Instance = new(() => LinuxUdp.Available
        ? new RtpReceiveThreads(Environment.ProcessorCount, way: Environment.GetEnvironmentVariable(WayVariable) == "epoll" ? ReceiveWay.Epoll : ReceiveWay.Best)
        : null);

    private readonly IRtpReceiveThread[] _threads;
    private readonly int _callsPerThread;

    /// <param name="callsPerThread">Calls the first threads take before the next one is used; 0: always the least loaded.</param>
    /// <param name="way">How the threads wait and read: <see cref="ReceiveWay.Best"/> is <c>io_uring</c> where this
    /// machine gives it, else <c>epoll</c>.</param>
    public RtpReceiveThreads(int threads, int callsPerThread = CallsPerThread, Action<string>? log = null, ReceiveWay way = ReceiveWay.Best)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callsPerThread);
        log ??= Console.Error.WriteLine;
        _callsPerThread = callsPerThread;
        _threads = new IRtpReceiveThread[Math.Max(1, threads)];
        var uring = way != ReceiveWay.Epoll;
        for (var i = 0; i < _threads.Length; i++)
        {
            var name = $"RTP receive {i + 1}";
            if (uring)
            {
                try
                {
                    _threads[i] = new UringReceiveThread(name, log);
                    continue;
                }
                catch (IoUringUnavailableException e) when (way == ReceiveWay.Best)
                {
                    log($"RTP receive threads: {e.Message}; epoll instead"); // this thread and the next ones
                    uring = false;
                }
            }

            _threads[i] = new EpollReceiveThread(name, log);
        }

        Way = Array.TrueForAll(_threads, t => t is UringReceiveThread) ? ReceiveWay.Uring : ReceiveWay.Epoll;
    }

    /// <summary>How these threads wait and read: <see cref="ReceiveWay.Uring"/> when every one is on io_uring, else
    /// <see cref="ReceiveWay.Epoll"/> (a refusal after the first thread's ring leaves the rest on epoll).</summary>
    public ReceiveWay Way { get; }

    /// <summary>The shared threads, started on first use; null where <c>epoll</c>/<c>recvmmsg</c> are not available.</summary>
    public static RtpReceiveThreads? Shared => Instance.Value;

    public int ThreadCount => _threads.Length;

    /// <summary>Receivers on all threads now.</summary>
    public int Count => _threads.Sum(t => t.Count);

    /// <summary>Receivers on each thread now, in thread order.</summary>
    public int[] CountsPerThread() => Array.ConvertAll(_threads, t => t.Count);

    /// <summary>Puts <paramref name="receiver"/> on a thread until it stops (cancellation, its endpoint's disposal, a handler's exception).</summary>
    public void Add(RtpReceiver receiver, CancellationToken cancellationToken)
    {
        var thread = ThreadFor();
        receiver.Start(thread.Removal, cancellationToken);
        thread.Add(receiver);
        if (receiver.IsStopped) thread.Removal(receiver); // cancelled before it was added
    }

    /// <summary>The first thread under its share, else the least loaded (<see cref="FillFirst"/>).</summary>
    private IRtpReceiveThread ThreadFor() => FillFirst.Choose(_threads, _callsPerThread, static thread => thread.Count);
}

/// <summary>How the shared receive threads wait for datagrams and read them.</summary>
internal enum ReceiveWay
{
    /// <summary><see cref="Uring"/> where this machine gives it, else <see cref="Epoll"/>.</summary>
    Best,

    /// <summary><see cref="UringReceiveThread"/>: the kernel receives for every socket in one call a 1 ms tick.</summary>
    Uring,

    /// <summary><see cref="EpollReceiveThread"/>: a wake per burst of packets, a <c>recvmmsg</c> per ready socket.</summary>
    Epoll,
}
