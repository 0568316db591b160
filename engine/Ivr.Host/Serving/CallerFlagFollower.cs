using Ivr.Data;
using Ivr.Data.Callers;

namespace Ivr.Host.Serving;

/// <summary>
/// The node's caller flags in memory (<see cref="CallerFlagIndex"/>): read at start, then again whenever a flag changes —
/// on PostgreSQL on any node (NOTIFY) or when the notifications' connection comes back, on SQLite in this process (the
/// console's). A failed re-read is logged and the flags held are kept. A call's start asks no database (issue 13: on
/// SQLite the read per call was a tenth of the garbage of setting up a call).
/// </summary>
internal static class CallerFlagFollower
{
    /// <returns>The index kept current until <paramref name="parts"/> stop.</returns>
    public static async Task<CallerFlagIndex> StartAsync(IvrDatabase database, StartedParts parts, TimeProvider clock, Action<string> log,
        CancellationToken cancellation)
    {
        var index = new CallerFlagIndex();
        await index.ReloadAsync(database, clock.GetUtcNow(), cancellation);
        var stop = new CancellationTokenSource();
        var listening = new DatabaseNotifications(database, CallerFlagIndex.Channel, "caller flags", clock, log).RunAsync(async token =>
        {
            try
            {
                await index.ReloadAsync(database, clock.GetUtcNow(), token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log($"caller flags: re-reading failed ({ex.GetType().Name}); the {index.Count} flag(s) held are kept");
            }
        }, stop.Token);
        parts.Add("caller flags", listening, async running =>
        {
            await stop.CancelAsync();
            await running;
            stop.Dispose();
        });
        return index;
    }
}
