namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// The process's shared RTP receive threads (Linux, 64-bit): one per core, each waiting on its share of the calls'
/// sockets, calls dealt round-robin. Replaces one <c>ReceiveFromAsync</c> loop per call, whose async state machine and
/// thread-pool work item per packet cost a third of the server's CPU at 1,000 held calls (issue 13). Elsewhere
/// <see cref="Shared"/> is null and each endpoint keeps its own managed loop.
/// </summary>
internal sealed class RtpReceiveThreads
{
    private static readonly Lazy<RtpReceiveThreads?> Instance = new(() => LinuxUdp.Available ? new RtpReceiveThreads(Environment.ProcessorCount) : null);

    private readonly RtpReceiveThread[] _threads;
    private long _next;

    public RtpReceiveThreads(int threads, Action<string>? log = null)
    {
        log ??= Console.Error.WriteLine;
        _threads = new RtpReceiveThread[Math.Max(1, threads)];
        for (var i = 0; i < _threads.Length; i++) _threads[i] = new RtpReceiveThread($"RTP receive {i + 1}", log);
    }

    /// <summary>The shared threads, started on first use; null where <c>epoll</c>/<c>recvmmsg</c> are not available.</summary>
    public static RtpReceiveThreads? Shared => Instance.Value;

    public int ThreadCount => _threads.Length;

    /// <summary>Receivers on all threads now.</summary>
    public int Count => _threads.Sum(t => t.Count);

    /// <summary>Puts <paramref name="receiver"/> on a thread until it stops (cancellation, its endpoint's disposal, a handler's exception).</summary>
    public void Add(RtpReceiver receiver, CancellationToken cancellationToken)
    {
        var thread = _threads[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_threads.Length)];
        receiver.Start(thread.Removal, cancellationToken);
        thread.Add(receiver);
        if (receiver.IsStopped) thread.Remove(receiver); // cancelled before it was added
    }
}
