using System.Collections.Concurrent;

namespace Ivr.Data;

/// <summary>
/// On SQLite, what PostgreSQL's <c>NOTIFY</c> is on a cluster: a change announced on a channel of one database file
/// wakes whatever in this process listens on it (<see cref="DatabaseNotifications"/>). SQLite is one node, and the
/// changes that matter (the console's) are made in the serving process itself. An announcement is made at once, so it
/// belongs after the change is committed; one made while nothing listens is not kept (a listener reads at its start).
/// </summary>
public static class LocalNotifications
{
    private static readonly ConcurrentDictionary<(string File, string Channel), Signal> Signals = new();

    /// <summary>Wakes the listeners on <paramref name="channel"/> of the SQLite file <paramref name="file"/>.</summary>
    public static void Announce(string file, string channel) => For(file, channel).Raise();

    internal static Signal For(string file, string channel) =>
        Signals.GetOrAdd((System.IO.Path.GetFullPath(file), channel), static _ => new Signal());

    /// <summary>A task per round: <see cref="Next"/> taken before reading completes at the first announcement after it.</summary>
    internal sealed class Signal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next() => Volatile.Read(ref _next).Task;

        public void Raise() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
