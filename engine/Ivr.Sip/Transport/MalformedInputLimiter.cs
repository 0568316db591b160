using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// Lets a malformed-input warning through once per source address per window (default one minute),
/// so a flood of garbage cannot flood the log. Bounded: old entries are pruned. Thread-safe.
/// </summary>
public sealed class MalformedInputLimiter
{
    private const int MaxTracked = 4096;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Dictionary<IPAddress, DateTimeOffset> _lastLogged = [];
    private readonly object _gate = new();

    public MalformedInputLimiter(TimeProvider time, TimeSpan? window = null)
    {
        _time = time;
        _window = window ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>True when a warning about <paramref name="source"/> may be logged now (and records it).</summary>
    public bool ShouldLog(IPAddress source)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_lastLogged.TryGetValue(source, out var last) && now - last < _window)
            {
                return false;
            }

            if (_lastLogged.Count >= MaxTracked)
            {
                foreach (var stale in _lastLogged.Where(e => now - e.Value >= _window).Select(e => e.Key).ToList())
                {
                    _lastLogged.Remove(stale);
                }
            }

            if (_lastLogged.Count >= MaxTracked)
            {
                return false;
            }

            _lastLogged[source] = now;
            return true;
        }
    }
}
