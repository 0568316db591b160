using System.Threading.Channels;
using Ivr.Core.Calls;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Calls;

/// <summary>
/// Records calls into SQLite without ever touching the disk on the caller's thread: every call
/// only enqueues in memory; one background writer drains the queue in batches, each batch in one
/// transaction. A batch that fails is retried item by item so one bad item (an event for a call
/// never started, a duplicate sequence) costs only itself; such items are logged and counted.
/// <see cref="Flush"/> waits until everything enqueued before it is written;
/// <see cref="DisposeAsync"/> drains and stops.
/// </summary>
public sealed class SqliteCallRecorder : ICallRecorder, IAsyncDisposable
{
    /// <summary>The most items written in one transaction.</summary>
    public const int MaxBatch = 512;

    /// <summary>Items held in memory at most while the database lags; beyond it new items are dropped
    /// (counted and logged) rather than growing without bound or blocking a call.</summary>
    public const int DefaultCapacity = 250_000;

    private readonly IvrDatabase _database;
    private readonly Action<string> _log;
    private readonly Channel<object> _queue;
    private readonly Task _writer;
    private long _written;
    private long _failed;
    private long _dropped;
    private int _dropping;

    /// <param name="log">Receives writer failures (never values, only what failed and why).</param>
    /// <param name="capacity">See <see cref="DefaultCapacity"/>.</param>
    public SqliteCallRecorder(IvrDatabase database, Action<string>? log = null, int capacity = DefaultCapacity)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _log = log ?? (_ => { });
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Items written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Items the database refused (logged).</summary>
    public long Failed => Interlocked.Read(ref _failed);

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
        await flushed.Task.WaitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Blocking <see cref="FlushAsync"/>: for tests and shutdown paths, never the event loop.</summary>
    public void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private void Enqueue(object item)
    {
        if (_queue.Writer.TryWrite(item)) return;
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
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is TaskCompletionSource flush)
                {
                    flushes.Add(flush);
                    break;
                }
                batch.Add(item);
            }
            if (batch.Count > 0) WriteBatch(batch);
            Volatile.Write(ref _dropping, 0);
            foreach (var flush in flushes) flush.TrySetResult();
            batch.Clear();
            flushes.Clear();
        }
    }

    private void WriteBatch(List<object> batch)
    {
        try
        {
            WriteInTransaction(batch);
            Interlocked.Add(ref _written, batch.Count);
            return;
        }
        catch (Exception ex)
        {
            if (batch.Count == 1)
            {
                Refused(batch[0], ex);
                return;
            }
        }
        foreach (var item in batch)
        {
            try
            {
                WriteInTransaction([item]);
                Interlocked.Increment(ref _written);
            }
            catch (Exception ex)
            {
                Refused(item, ex);
            }
        }
    }

    private void WriteInTransaction(IReadOnlyList<object> items)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var writes = new CallWriteBatch(connection, transaction))
        {
            foreach (var item in items) writes.Write(item);
        }
        transaction.Commit();
    }

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
        _log($"call recorder: {what} not written: {ex.GetType().Name} {(ex as SqliteException)?.SqliteErrorCode}: {ex.Message}");
    }
}
