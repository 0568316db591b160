using System.Net;
using System.Security.Cryptography;

namespace Ivr.Telephony.Ports;

/// <summary>
/// The even UDP ports RTP may use (RFC 3550 §11: RTP on an even port, RTCP on the next odd one), each drawn at
/// random (a cryptographic draw) among the free ones, so the next call's port cannot be guessed. A released port
/// rests behind the others (a first-in first-out cooling line of up to half the range) before it may be drawn
/// again, so late packets of an old call do not reach a new one. A port that cannot be bound (taken by another
/// process) is skipped for now and another one drawn: a call fails only when no port at all can be bound. Trying a
/// taken port throws nothing (<see cref="RtpEndpoint.TryOpen"/>): on Linux it costs one failed <c>bind</c>.
/// Thread-safe.
/// </summary>
public sealed class RtpPortPool
{
    private readonly Lock _gate = new();
    private readonly List<int> _free = [];
    private readonly Queue<int> _cooling = new();
    private readonly HashSet<int> _inUse = [];
    private readonly int _coolingSize;

    public RtpPortPool(int min, int max)
    {
        if (min is < 1 or > 65534) throw new ArgumentOutOfRangeException(nameof(min), min, "the lowest RTP port must lie in 1..65534");
        if (max < min || max > 65535) throw new ArgumentOutOfRangeException(nameof(max), max, $"the highest RTP port must lie in {min}..65535");
        for (var port = min % 2 == 0 ? min : min + 1; port <= max; port += 2) _free.Add(port);
        if (_free.Count == 0) throw new ArgumentException($"the range {min}-{max} holds no even port", nameof(max));
        Capacity = _free.Count;
        _coolingSize = Capacity / 2;
    }

    public int Capacity { get; }

    public int InUse
    {
        get
        {
            lock (_gate) return _inUse.Count;
        }
    }

    /// <summary>Binds an RTP endpoint on a free port drawn at random; null when every port is in use or none can be bound.</summary>
    public RtpEndpoint? Open(IPAddress bindAddress)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        lock (_gate)
        {
            List<int>? taken = null;
            try
            {
                while (Draw() is { } port)
                {
                    if (RtpEndpoint.TryOpen(new IPEndPoint(bindAddress, port)) is { } endpoint)
                    {
                        _inUse.Add(port);
                        return endpoint;
                    }

                    (taken ??= []).Add(port); // someone else holds it for now: another port this time
                }

                return null;
            }
            finally
            {
                foreach (var port in taken ?? []) _cooling.Enqueue(port);
            }
        }
    }

    /// <summary>Returns a port (after its endpoint was disposed); unknown or already free ports are ignored.</summary>
    public void Release(int port)
    {
        lock (_gate)
        {
            if (!_inUse.Remove(port)) return;
            _cooling.Enqueue(port);
            while (_cooling.Count > _coolingSize) _free.Add(_cooling.Dequeue());
        }
    }

    /// <summary>A random free port taken out of the free list; the longest-resting cooling port when none is free; null when both are empty.</summary>
    private int? Draw()
    {
        if (_free.Count == 0) return _cooling.TryDequeue(out var rested) ? rested : null;
        var index = RandomNumberGenerator.GetInt32(_free.Count);
        var port = _free[index];
        _free[index] = _free[^1];
        _free.RemoveAt(_free.Count - 1);
        return port;
    }
}
