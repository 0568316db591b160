using System.Data.Common;
using Ivr.Data.Fax;

namespace Ivr.Data.Nodes;

/// <summary>
/// A node's heartbeat: every <see cref="Interval"/> on the node's clock it refreshes its <c>nodes</c> row
/// (last seen, calls up, flow version, draining) and looks for nodes silent longer than <see cref="LossTimeout"/>.
/// Each one it is first to declare lost has its open calls closed <see cref="LostCallDispositions.NodeLost"/>
/// and the fax jobs it was sending released to the others (one line logged per node). A database that fails is logged once until it works again; the beat goes on.
/// Disposing stops the beat and marks the row stopped. Start it after <see cref="NodeRegistration.ClaimAsync"/>.
/// </summary>
public sealed class NodeHeartbeat : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LossTimeout = TimeSpan.FromSeconds(15);

    private readonly IvrDatabase _database;
    private readonly string _id;
    private readonly string _address;
    private readonly string _instance;
    private readonly NodeGauges _gauges;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private bool _failing;
    private bool _displaced;

    public NodeHeartbeat(IvrDatabase database, string id, string address, NodeGauges gauges, TimeProvider time, Action<string> log, string? instance = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _id = id ?? throw new ArgumentNullException(nameof(id));
        _address = address ?? throw new ArgumentNullException(nameof(address));
        _gauges = gauges ?? throw new ArgumentNullException(nameof(gauges));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _instance = instance ?? NodeInstance.Current;
    }

    /// <summary>Nodes this one declared lost so far.</summary>
    public int NodesDeclaredLost { get; private set; }

    /// <summary>Calls of lost nodes this one closed so far.</summary>
    public int CallsClosed { get; private set; }

    /// <summary>What this node writes now; <see cref="NodeRegistration.ClaimAsync"/> takes the same.</summary>
    public NodeBeat Now() => new(_id, _address, _instance, _time.GetUtcNow(), _gauges.CallsUp(), _gauges.FlowVersion(), _gauges.Draining());

    /// <summary>Beats every <see cref="Interval"/> until disposed; the first wait is on the clock when this returns.</summary>
    public NodeHeartbeat Start()
    {
        _loop = RunAsync();
        return this;
    }

    /// <summary>One beat: the row refreshed, then lost nodes declared and their calls closed.</summary>
    public async Task BeatAsync(CancellationToken cancellation)
    {
        var beat = Now();
        await using var connection = await _database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var held = await new NodeRepository(connection).BeatAsync(beat, cancellation).ConfigureAwait(false);
        if (!held && !_displaced) _log($"node {_id}: another process has taken this node id over; this one goes on serving but no longer reports as '{_id}'");
        _displaced = !held;
        await using var transaction = connection.BeginWrite();
        var nodes = new NodeRepository(connection, transaction);
        var lost = await nodes.DeclareLostAsync(beat.At - LossTimeout, beat.At, cancellation).ConfigureAwait(false);
        var closed = new List<(string Node, int Calls, int Faxes)>();
        foreach (var node in lost)
        {
            var calls = await nodes.CloseOpenCallsAsync(node, unassigned: false, beat.At, LostCallDispositions.NodeLost,
                $"node {node} stopped heart-beating; closed by node {_id}", cancellation).ConfigureAwait(false);
            var faxes = await new FaxJobRepository(connection, transaction).ReleaseClaimsOfAsync(node, beat.At, cancellation).ConfigureAwait(false);
            closed.Add((node, calls, faxes));
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        foreach (var (node, calls, faxes) in closed)
        {
            NodesDeclaredLost++;
            CallsClosed += calls;
            _log($"node {node} lost: no heartbeat for over {LossTimeout.TotalSeconds:0} s; {calls} call(s) it held closed as {LostCallDispositions.NodeLost}"
                + (faxes > 0 ? $"; {faxes} fax job(s) it was sending released to the other nodes" : ""));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        try
        {
            await using var connection = await _database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await new NodeRepository(connection).MarkStoppedAsync(_id, _instance, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            _log($"node {_id}: could not mark the node stopped ({ex.GetType().Name}: {ex.Message}); the others will see it lost");
        }
    }

    private async Task RunAsync()
    {
        var cancellation = _stop.Token;
        while (true)
        {
            try
            {
                await Task.Delay(Interval, _time, cancellation).ConfigureAwait(false);
                await BeatAsync(cancellation).ConfigureAwait(false);
                if (_failing) _log($"node {_id}: heartbeat written again");
                _failing = false;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsDatabaseFailure(ex))
            {
                if (!_failing) _log($"node {_id}: heartbeat not written ({ex.GetType().Name}: {ex.Message}); trying again every {Interval.TotalSeconds:0} s");
                _failing = true;
            }
        }
    }

    private static bool IsDatabaseFailure(Exception ex)
        => ex is DbException or InvalidOperationException or TimeoutException or IOException or System.Net.Sockets.SocketException;
}
