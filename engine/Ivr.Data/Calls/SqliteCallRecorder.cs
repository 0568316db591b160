using System.Data.Common;
using System.Threading.Channels;
using Ivr.Core.Calls;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ivr.Data.Calls;

/// <summary>
/// Records calls into the database (SQLite or PostgreSQL) without ever touching it on the caller's
/// thread: every call only enqueues in memory; one background writer per node drains the queue in
/// batches, each batch in one transaction. A batch that fails is retried item by item so one bad item
/// (an event for a call never started, a duplicate sequence) costs only itself; such items are logged
/// and counted. When PostgreSQL is unreachable or slow the batch waits and is tried again while calls
/// go on; what arrives meanwhile is held up to the queue's capacity, beyond it dropped, counted and
/// logged. <see cref="Flush"/> waits until everything enqueued before it is written;
/// <see cref="DisposeAsync"/> drains and stops (giving up on an unreachable server after <see cref="DrainTimeout"/>).
/// </summary>
public sealed class SqliteCallRecorder : ICallRecorder, IAsyncDisposable
{
    /// <summary>The most items written in one transaction.</summary>
    public const int MaxBatch = 512;

    /// <summary>Items held in memory at most while the database lags; beyond it new items are dropped
    /// (counted and logged) rather than growing without bound or blocking a call.</summary>
    public const int DefaultCapacity = 250_000;

    /// <summary>How long the writer waits, once something is queued, for more to write in the same transaction: calls
    /// spread over time otherwise cost a transaction (and on PostgreSQL a pooled connection's round trips) per event.
    /// A flush or the recorder's disposal ends the wait at once.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(100);

    /// <summary>How long <see cref="DisposeAsync"/> keeps retrying an unreachable database before dropping what is left.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly IvrDatabase _database;
    private readonly RecorderConnection _connection;
    private readonly Action<string> _log;
    private readonly string? _node;
    private readonly Channel<object> _queue;
    private readonly Task _writer;
    private long _written;
    private long _failed;
    private TaskCompletionSource _wake = NewWake();

    /// <summary>Calls in progress whose start was dropped (queue full): their events and end are dropped too.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _startDropped = new(StringComparer.Ordinal);
    private long _dropped;
    private long _unavailable;
    private int _dropping;
    private long _disposedAt;

    /// <param name="log">Receives writer failures (never values, only what failed and why).</param>
    /// <param name="capacity">See <see cref="DefaultCapacity"/>.</param>
    /// <param name="node">The node id written on every call this recorder starts (<c>calls.node</c>).</param>
    public SqliteCallRecorder(IvrDatabase database, Action<string>? log = null, int capacity = DefaultCapacity, string? node = null)
    {
        _node = node;
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _connection = new RecorderConnection(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _log = log ?? (_ => { });
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Items written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Items the database refused (logged).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Writes that found the database unreachable or busy (each retried later).</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>Items never written because the queue was full or the recorder disposed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void CallStarted(CallStart start) => Enqueue(start ?? throw new ArgumentNullException(nameof(start)));

    public void Append(CallEvent callEvent) => Enqueue(callEvent ?? throw new ArgumentNullException(nameof(callEvent)));

    public void CallEnded(string callId, DateTimeOffset at, string disposition)
        => Enqueue(new CallEnd(callId ?? throw new ArgumentNullException(nameof(callId)), at, disposition ?? ""));

    /// <summary>Waits until everything enqueued before this call has been written (or refused).</summary>
    public async Task FlushAsync(CancellationToken cancellation)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(flushed, cancellation).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _writer.WaitAsync(cancellation).ConfigureAwait(false);
            return;
        }
        Volatile.Read(ref _wake).TrySetResult();
        await flushed.Task.WaitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Blocking <see cref="FlushAsync"/>: for tests and shutdown paths, never the event loop.</summary>
    public void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        Interlocked.CompareExchange(ref _disposedAt, Environment.TickCount64, 0);
        _queue.Writer.TryComplete();
        Volatile.Read(ref _wake).TrySetResult();
        await _writer.ConfigureAwait(false);
        _connection.Dispose();
    }

    private void Enqueue(object item)
    {
        // A call whose start was dropped has no row for its events and end to refer to: they are dropped with it
        // (counted as dropped, not refused by the database one by one).
        var callId = item switch { CallEvent e => e.CallId, CallEnd e => e.CallId, _ => null };
        if (callId is not null && _startDropped.ContainsKey(callId)) // lock-free read (IsEmpty would take every lock when empty)
        {
            if (item is CallEnd) _startDropped.TryRemove(callId, out _);
            Interlocked.Increment(ref _dropped);
            return;
        }

        if (_queue.Writer.TryWrite(item)) return;
        if (item is CallStart start) _startDropped.TryAdd(start.CallId, 0);
        Interlocked.Increment(ref _dropped);
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
            _log("call recorder: queue full or closed, dropping call records");
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<object>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await LingerAsync().ConfigureAwait(false);
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is TaskCompletionSource flush)
                {
                    flushes.Add(flush);
                    break;
                }
                batch.Add(item);
            }
            if (batch.Count > 0) await WriteBatchAsync(batch).ConfigureAwait(false);
            Volatile.Write(ref _dropping, 0);
            foreach (var flush in flushes) flush.TrySetResult();
            batch.Clear();
            flushes.Clear();
        }
    }

    /// <summary>Waits <see cref="Linger"/> for more items unless a batch is full already or a flush or disposal wakes it;
    /// a wake that comes after the wait is kept for the next one.</summary>
    private async Task LingerAsync()
    {
        var wake = Volatile.Read(ref _wake);
        if (_queue.Reader.Count < MaxBatch && !wake.Task.IsCompleted)
            await Task.WhenAny(wake.Task, Task.Delay(Linger)).ConfigureAwait(false);
        if (wake.Task.IsCompleted) Interlocked.CompareExchange(ref _wake, NewWake(), wake);
        if (Interlocked.Read(ref _disposedAt) != 0) Volatile.Read(ref _wake).TrySetResult(); // draining: no more waits
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WriteBatchAsync(List<object> batch)
    {
        var wait = FirstRetry;
        Exception failure;
        while (true)
        {
            try
            {
                WriteInTransaction(batch);
                Interlocked.Add(ref _written, batch.Count);
                return;
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                Interlocked.Increment(ref _unavailable);
                if (GaveUpDraining())
                {
                    Interlocked.Add(ref _dropped, batch.Count);
                    _log($"call recorder: the database stayed unreachable while stopping; {batch.Count} call record(s) dropped");
                    return;
                }
                if (wait == FirstRetry) _log($"call recorder: the database is unavailable ({ex.GetType().Name}: {ex.Message}); holding call records and retrying");
                await Task.Delay(wait).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
            }
            catch (Exception ex)
            {
                failure = ex;
                break;
            }
        }
        if (batch.Count == 1)
        {
            Refused(batch[0], failure);
            return;
        }

        // Each item alone, so that only the item at fault is refused; one alone that meets the database down (the batch's
        // error may have hidden the outage, e.g. a connection broken mid-statement) is held and retried like any batch.
        foreach (var item in batch) await WriteBatchAsync([item]).ConfigureAwait(false);
    }

    /// <summary>PostgreSQL not answering (down, restarting, unreachable, out of connections) as opposed to refusing
    /// an item (a constraint or a bad value, SQLSTATE classes 22 and 23). SQLite's errors are all the item's.</summary>
    private bool IsUnavailable(Exception ex) => _database.Dialect == DatabaseDialect.PostgreSql && ex switch
    {
        PostgresException pg => !pg.SqlState.StartsWith("22", StringComparison.Ordinal) && !pg.SqlState.StartsWith("23", StringComparison.Ordinal),
        NpgsqlException or DbException or TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    private bool GaveUpDraining()
    {
        var since = Interlocked.Read(ref _disposedAt);
        return since != 0 && Environment.TickCount64 - since > DrainTimeout.TotalMilliseconds;
    }

    private void WriteInTransaction(IReadOnlyList<object> items)
        => _connection.WriteInTransaction((items, node: _node), static (connection, transaction, statements, batch)
            => CallWriteBatch.Write(connection, transaction, batch.items, batch.node, statements));

    private void Refused(object item, Exception ex)
    {
        Interlocked.Increment(ref _failed);
        var what = item switch
        {
            CallStart s => $"call start {s.CallId}",
            CallEvent e => $"event {e.CallId}#{e.Sequence}",
            CallEnd e => $"call end {e.CallId}",
            _ => item.GetType().Name,
        };
        _log($"call recorder: {what} not written: {ex.GetType().Name} {(ex as SqliteException)?.SqliteErrorCode}{(ex as PostgresException)?.SqlState}: {ex.Message}");
    }
}
