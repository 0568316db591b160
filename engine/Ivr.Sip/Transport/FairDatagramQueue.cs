using System.Buffers;
using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// Received datagrams between the UDP receive thread and the thread that parses them: one bounded FIFO per source
/// address, served round-robin, so a source that sends faster than it is served fills only its own queue and every
/// other source still gets every other turn. Bounded in datagrams per source, datagrams in all and bytes in all;
/// each datagram is copied into a buffer from <see cref="ArrayPool{T}.Shared"/> that <see cref="Datagram.Dispose"/>
/// returns. Thread-safe: one thread adds, one takes (<see cref="TryTake"/> blocks up to a timeout).
/// </summary>
internal sealed class FairDatagramQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, SourceQueue> _bySource = [];
    private readonly Queue<SourceQueue> _turns = new();
    private readonly Stack<SourceQueue> _spare = new();
    private readonly int _maxDatagrams;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;

    public FairDatagramQueue(int perSourceLimit = 256, int maxDatagrams = 4096, long maxBytes = 16 << 20)
    {
        PerSourceLimit = perSourceLimit;
        _maxDatagrams = maxDatagrams;
        _maxBytes = maxBytes;
    }

    public int PerSourceLimit { get; }

    /// <summary>Datagrams waiting, all sources together.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Copies <paramref name="data"/> into the queue of its source's address; null when queued, else why it was dropped.</summary>
    public DatagramDrop? TryAdd(ReadOnlySpan<byte> data, SipEndPoint source)
    {
        lock (_gate)
        {
            if (_count >= _maxDatagrams || _bytes + data.Length > _maxBytes) return DatagramDrop.Backlog;
            var address = source.EndPoint.Address;
            if (!_bySource.TryGetValue(address, out var queue))
            {
                queue = _spare.Count > 0 ? _spare.Pop() : new SourceQueue();
                queue.Address = address;
                _bySource[address] = queue;
                _turns.Enqueue(queue);
            }
            else if (queue.Items.Count >= PerSourceLimit)
            {
                return DatagramDrop.SourceBacklog;
            }

            var copy = ArrayPool<byte>.Shared.Rent(Math.Max(1, data.Length));
            data.CopyTo(copy);
            queue.Items.Enqueue(new Datagram(copy, data.Length, source));
            _count++;
            _bytes += data.Length;
            if (_count == 1) Monitor.Pulse(_gate);
            return null;
        }
    }

    /// <summary>The next datagram in round-robin order of sources, waiting up to <paramref name="timeout"/> for one.</summary>
    public bool TryTake(TimeSpan timeout, out Datagram datagram)
    {
        lock (_gate)
        {
            if (_count == 0) Monitor.Wait(_gate, timeout);
            if (!_turns.TryDequeue(out var queue))
            {
                datagram = default;
                return false;
            }

            datagram = queue.Items.Dequeue();
            _count--;
            _bytes -= datagram.Length;
            if (queue.Items.Count > 0)
            {
                _turns.Enqueue(queue);
            }
            else
            {
                _bySource.Remove(queue.Address);
                if (_spare.Count < 64) _spare.Push(queue);
            }

            return true;
        }
    }

    /// <summary>Wakes a thread waiting in <see cref="TryTake"/> (to stop).</summary>
    public void Wake()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }

    /// <summary>Returns every waiting datagram's buffer (after the taking thread has stopped).</summary>
    public void Clear()
    {
        while (TryTake(TimeSpan.Zero, out var datagram)) datagram.Dispose();
    }

    /// <summary>One queued datagram; <see cref="Dispose"/> returns its buffer to the pool.</summary>
    internal readonly record struct Datagram(byte[] Buffer, int Length, SipEndPoint Source) : IDisposable
    {
        public ReadOnlyMemory<byte> Data => Buffer.AsMemory(0, Length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(Buffer);
    }

    private sealed class SourceQueue
    {
        public IPAddress Address { get; set; } = IPAddress.None;

        public Queue<Datagram> Items { get; } = new();
    }
}
