using Npgsql;

namespace Ivr.Data;

/// <summary>
/// Tells a node when something other nodes change may have changed: on PostgreSQL one connection LISTENs on
/// <c>channel</c> (the published flow set, <see cref="FlowSets.PublishedFlowSetStore.Channel"/>; the caller flags,
/// <see cref="Callers.CallerFlagIndex.Channel"/>); after every (re)connection the callback runs once too, since a
/// notification sent while the connection was down is lost. A lost connection is retried with a growing pause
/// (1 s doubling to 30 s), logged once per outage, each line starting with <c>subject</c>. On SQLite (one node) the
/// changes announced in this process wake it (<see cref="LocalNotifications"/>).
/// </summary>
public sealed class DatabaseNotifications(IvrDatabase database, string channel, string subject, TimeProvider time, Action<string> log)
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>Runs until <paramref name="cancellation"/>; <paramref name="mayHaveChanged"/> is never run twice at once.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> mayHaveChanged, CancellationToken cancellation)
    {
        if (database.Dialect != DatabaseDialect.PostgreSql)
        {
            await RunLocallyAsync(mayHaveChanged, cancellation).ConfigureAwait(false);
            return;
        }

        var pause = TimeSpan.FromSeconds(1);
        var down = false;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(cancellation);
                var notified = 0;
                connection.Notification += (_, _) => Interlocked.Exchange(ref notified, 1);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel};", connection))
                    await listen.ExecuteNonQueryAsync(cancellation);
                if (down) log($"{subject}: listening for changes again");
                down = false;
                pause = TimeSpan.FromSeconds(1);
                try
                {
                    await mayHaveChanged(cancellation);
                    while (true)
                    {
                        await connection.WaitAsync(cancellation);
                        if (Interlocked.Exchange(ref notified, 0) == 1) await mayHaveChanged(cancellation);
                    }
                }
                finally
                {
                    await UnlistenAsync(connection); // the pool does not reset connections (PostgresUrl): leave none listening
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                if (!down) log($"{subject}: lost the database's notifications ({ex.Message}); retrying, and re-reading when back");
                down = true;
                try
                {
                    await Task.Delay(pause, time, cancellation);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    /// <summary>SQLite: the announcements of this process (<see cref="LocalNotifications"/>); read once at the start too.</summary>
    private async Task RunLocallyAsync(Func<CancellationToken, Task> mayHaveChanged, CancellationToken cancellation)
    {
        var signal = LocalNotifications.For(database.Path, channel);
        try
        {
            while (true)
            {
                var announced = signal.Next(); // before reading: a change made while reading is read again
                await mayHaveChanged(cancellation).ConfigureAwait(false);
                await announced.WaitAsync(cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *;", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            // A broken connection is not reused by the pool.
        }
    }
}
