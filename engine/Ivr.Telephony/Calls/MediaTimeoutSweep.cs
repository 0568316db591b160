using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Ivr.Telephony.Calls;

/// <summary>
/// One timer that checks every call's <see cref="MediaTimeoutWatch"/> each period, instead of a timer per call: at
/// 1,000 held calls a timer each was 1,000 thread-pool work items a second, most of the thread pool's work while the
/// calls were idle (issue 13). One sweep per <see cref="TimeProvider"/> and period, made on first use and kept while
/// the provider lives (a test's fake clock has its own). A watch is checked up to one period late, as before.
/// </summary>
internal sealed class MediaTimeoutSweep
{
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<TimeSpan, MediaTimeoutSweep>> Sweeps = new();

    private readonly ConcurrentDictionary<MediaTimeoutWatch, byte> _watches = new();
    private readonly ITimer _timer;

    private MediaTimeoutSweep(TimeProvider time, TimeSpan period) =>
        _timer = time.CreateTimer(static s => ((MediaTimeoutSweep)s!).Tick(), this, period, period);

    /// <summary>The sweep of <paramref name="time"/> that runs every <paramref name="period"/>.</summary>
    public static MediaTimeoutSweep For(TimeProvider time, TimeSpan period) =>
        Sweeps.GetValue(time, static _ => new ConcurrentDictionary<TimeSpan, MediaTimeoutSweep>())
            .GetOrAdd(period, static (p, t) => new MediaTimeoutSweep(t, p), time);

    /// <summary>Watches being checked now.</summary>
    public int Count => _watches.Count;

    public void Add(MediaTimeoutWatch watch) => _watches.TryAdd(watch, 0);

    public void Remove(MediaTimeoutWatch watch) => _watches.TryRemove(watch, out _);

    private void Tick()
    {
        foreach (var (watch, _) in _watches) watch.Check();
    }
}
