using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp;

namespace Ivr.Telephony.Ports;

/// <summary>
/// The even UDP ports RTP may use (RFC 3550 §11: RTP on an even port, RTCP on the next odd one), handed
/// out in rotation so a port just released is the last to be reused (late packets of an old call do not
/// reach a new one). A port that cannot be bound (taken by another process) is skipped. Thread-safe.
/// </summary>
public sealed class RtpPortPool
{
    private readonly object _gate = new();
    private readonly Queue<int> _free = new();
    private readonly HashSet<int> _inUse = [];

    public RtpPortPool(int min, int max)
    {
        if (min is < 1 or > 65534) throw new ArgumentOutOfRangeException(nameof(min), min, "the lowest RTP port must lie in 1..65534");
        if (max < min || max > 65535) throw new ArgumentOutOfRangeException(nameof(max), max, $"the highest RTP port must lie in {min}..65535");
        for (var port = min % 2 == 0 ? min : min + 1; port <= max; port += 2) _free.Enqueue(port);
        if (_free.Count == 0) throw new ArgumentException($"the range {min}-{max} holds no even port", nameof(max));
        Capacity = _free.Count;
    }

    public int Capacity { get; }

    public int InUse
    {
        get
        {
            lock (_gate) return _inUse.Count;
        }
    }

    /// <summary>Binds an RTP endpoint on the next free port; null when every port is in use or none can be bound.</summary>
    public RtpEndpoint? Open(IPAddress bindAddress)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        lock (_gate)
        {
            for (var attempt = _free.Count; attempt > 0; attempt--)
            {
                var port = _free.Dequeue();
                try
                {
                    var endpoint = new RtpEndpoint(new IPEndPoint(bindAddress, port));
                    _inUse.Add(port);
                    return endpoint;
                }
                catch (SocketException)
                {
                    _free.Enqueue(port); // taken by someone else for now: try it again later
                }
            }

            return null;
        }
    }

    /// <summary>Returns a port (after its endpoint was disposed); unknown or already free ports are ignored.</summary>
    public void Release(int port)
    {
        lock (_gate)
        {
            if (_inUse.Remove(port)) _free.Enqueue(port);
        }
    }
}
