using Ivr.Data;
using Ivr.Data.Spool;

namespace Ivr.Host.Hosting;

/// <summary>
/// Writes the voice messages, follow-ups and survey answers held in the node's spool (<see cref="CallerRequestSpool"/>) into the database as
/// soon as it answers again: at start (messages left by a previous run) and then every few seconds while any wait.
/// </summary>
public sealed class SpoolFlusher : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly CallerRequestSpool _spool;
    private readonly IvrDatabase _database;
    private readonly Action<string> _log;
    private readonly PeriodicWork _running;

    public SpoolFlusher(CallerRequestSpool spool, IvrDatabase database, TimeProvider time, Action<string> log)
    {
        _spool = spool;
        _database = database;
        _log = log;
        _running = new PeriodicWork(Interval, time, FlushAsync);
    }

    private async Task FlushAsync(CancellationToken stop)
    {
        try
        {
            if (_spool.Pending == 0) return;
            var written = await _spool.FlushAsync(_database, stop);
            if (written > 0) _log($"spool: {written} held requests written to the database; {_spool.Pending} still waiting");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log($"spool: not written this time: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync() => _running.DisposeAsync();
}
