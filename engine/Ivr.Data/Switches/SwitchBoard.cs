using Ivr.Core.Calls;

namespace Ivr.Data.Switches;

/// <summary>
/// The editors' switch values every call of this node starts with: a snapshot of <c>switches</c> that calls read
/// without touching the database. A flip made here is in the snapshot at once; flips made on other nodes arrive with
/// the next refresh (<see cref="StartRefreshing"/>): on SQLite every interval (a second by default), on PostgreSQL when a
/// flip is announced (NOTIFY, see <see cref="SwitchStore.Channel"/>) and after the notifications' connection comes back —
/// no poll, one database round trip a second less per node. When the database cannot be read the
/// last snapshot stays (logged once until it can be read again).
/// </summary>
public sealed class SwitchBoard(IvrDatabase database, TimeProvider time, Action<string> log) : ISwitchValues, IAsyncDisposable
{
    private volatile IReadOnlyDictionary<string, SwitchSetting> _settings = new Dictionary<string, SwitchSetting>();
    private volatile IReadOnlyDictionary<string, string> _values = new Dictionary<string, string>();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private Task _listening = Task.CompletedTask;
    private bool _failing;

    public IReadOnlyDictionary<string, string> Current => _values;

    /// <summary>Every switch an editor has flipped, with who and when.</summary>
    public IReadOnlyDictionary<string, SwitchSetting> Settings => _settings;

    /// <summary>Reads the table now, then again every <paramref name="interval"/> (SQLite) or at each announced flip
    /// (PostgreSQL) until disposed.</summary>
    public async Task StartRefreshing(TimeSpan interval, CancellationToken cancellation)
    {
        await RefreshAsync(cancellation).ConfigureAwait(false);
        if (database.Dialect == DatabaseDialect.PostgreSql)
            _listening = new DatabaseNotifications(database, SwitchStore.Channel, "switches", time, log)
                .RunAsync(token => ReadAsync(waitForRunning: true, token), _stop.Token);
        else
            _timer = time.CreateTimer(static s => _ = ((SwitchBoard)s!).ReadAsync(waitForRunning: false, CancellationToken.None), this, interval, interval);
    }

    /// <summary>Reads the table now (after a read or flip of this board under way).</summary>
    public Task RefreshAsync(CancellationToken cancellation) => ReadAsync(waitForRunning: true, cancellation);

    /// <param name="waitForRunning">Wait for a read or flip under way instead of skipping (a tick of the poll skips): a flip
    /// announced while this board stores its own must still be read after it.</param>
    private async Task ReadAsync(bool waitForRunning, CancellationToken cancellation)
    {
        if (waitForRunning) await _refreshing.WaitAsync(cancellation).ConfigureAwait(false);
        else if (!await _refreshing.WaitAsync(0, cancellation).ConfigureAwait(false)) return;
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
            Publish(await new SwitchStore(connection).AllAsync(cancellation).ConfigureAwait(false));
            if (_failing) log("switches: the database answers again");
            _failing = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_failing) log($"switches: cannot read the switch values ({ex.Message}); calls keep the last ones read");
            _failing = true;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="name"/>; new calls of this node see it at once.</summary>
    public async Task<SwitchSetting> SetAsync(string name, string value, string by, CancellationToken cancellation)
    {
        var setting = new SwitchSetting(name, value, time.GetUtcNow(), by);
        await _refreshing.WaitAsync(cancellation).ConfigureAwait(false); // a refresh read before this write must not publish after it
        try
        {
            await using (var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false))
                await new SwitchStore(connection).SetAsync(setting, cancellation).ConfigureAwait(false);
            var settings = new Dictionary<string, SwitchSetting>(_settings, StringComparer.Ordinal) { [name] = setting };
            Publish(settings.Values.ToList());
            return setting;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void Publish(IReadOnlyList<SwitchSetting> rows)
    {
        _settings = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _values = rows.ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer) await timer.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _listening.ConfigureAwait(false);
    }
}
