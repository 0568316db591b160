using System.Runtime.InteropServices;

namespace Ivr.Sip.Throttling;

/// <summary>
/// Counts what was dropped or refused, by key, and hands the counts over once per window (default one minute), so
/// a flood makes one log line per key per window instead of one per message. At most <c>maxKeys</c> keys per window;
/// the rest are counted together under the <c>others</c> key. Thread-safe.
/// </summary>
internal sealed class DropTally<TKey>
    where TKey : notnull
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _maxKeys;
    private readonly Lock _gate = new();
    private readonly TKey _others;
    private Dictionary<TKey, long> _counts = [];
    private long _windowStart;
    private long _total;

    public DropTally(TimeProvider time, TKey others, TimeSpan? window = null, int maxKeys = 1024)
    {
        _others = others;
        _time = time;
        _window = window ?? TimeSpan.FromMinutes(1);
        _maxKeys = maxKeys;
        _windowStart = time.GetTimestamp();
    }

    /// <summary>Everything counted since start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Add(TKey key)
    {
        Interlocked.Increment(ref _total);
        lock (_gate)
        {
            if (_counts.Count >= _maxKeys && !_counts.ContainsKey(key)) key = _others;
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _)++;
        }
    }

    /// <summary>When the window has ended: true, its counts (possibly none), and a new window starts.</summary>
    public bool TryEndWindow(out IReadOnlyList<KeyValuePair<TKey, long>> ended)
    {
        ended = [];
        var now = _time.GetTimestamp();
        // Checked without the lock first: this runs for every message the gate sees, the window ends once a minute.
        if (_time.GetElapsedTime(Volatile.Read(ref _windowStart), now) < _window) return false;
        lock (_gate)
        {
            if (_time.GetElapsedTime(_windowStart, now) < _window) return false;
            _windowStart = now;
            if (_counts.Count == 0) return true;
            ended = [.. _counts];
            _counts = [];
            return true;
        }
    }
}
