namespace Ivr.Host.Collections;

/// <summary>
/// Tells its listeners, on the finalizer thread, after each garbage collection of this process: a finalizable sentinel
/// that nothing references dies in the next collection, and its finalizer calls the listeners and leaves the next
/// sentinel (the way the runtime's array pools hear of gen2 collections). No event session, no timer: nothing runs
/// between collections. A collection that comes before the finalizer of the one before it ran is not heard of by itself
/// (the listeners read the runtime's own record of the last collections, <see cref="GC.GetGCMemoryInfo(GCKind)"/>); nor
/// are the gen0s after a collection that came while a finalizer still held the sentinel it had just made — that moved
/// the sentinel on to gen1, where the next gen1 or gen2 finds it.
/// </summary>
public static class CollectionWatch
{
    private static readonly object Gate = new();
    private static Action[] _listeners = [];
    private static bool _watching; // a sentinel is out (it stays out, listeners or not)

    /// <summary>Calls <paramref name="afterCollection"/> after each collection until the result is disposed, on the
    /// finalizer thread: it must be quick and must not throw (an exception on the finalizer thread ends the process).</summary>
    public static IDisposable Listen(Action afterCollection)
    {
        lock (Gate)
        {
            if (!_watching) Sentinel.Leave();
            _watching = true;
            _listeners = [.. _listeners, afterCollection];
        }

        return new Listening(afterCollection);
    }

    private static void StopListening(Action afterCollection)
    {
        lock (Gate) _listeners = [.. _listeners.Where(listener => listener != afterCollection)];
    }

    private static void Heard()
    {
        foreach (var listener in Volatile.Read(ref _listeners)) listener();
    }

    private sealed class Listening(Action afterCollection) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) StopListening(afterCollection);
        }
    }

    /// <summary>Unreferenced from birth: the next collection finds it dead and queues its finalizer.</summary>
    private sealed class Sentinel
    {
        public static void Leave() => _ = new Sentinel();

        ~Sentinel() // .NET runs no finalizer at exit, so this runs only after a collection
        {
            Heard();
            Leave();
        }
    }
}
