namespace Ivr.Sip.Throttling;

/// <summary>
/// Token buckets by key (a source address, a caller number), bounded: at most <c>capacity</c> keys, the least
/// recently seen forgotten first; every operation O(1). A forgotten key starts again with a full bucket, so
/// forgetting is never stricter than remembering. <see cref="ForgetQuiet"/> drops keys whose bucket has refilled,
/// so the table shrinks back after a flood. Thread-safe.
/// </summary>
internal sealed class BucketTable<TKey>
    where TKey : notnull
{
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _index = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly Lock _gate = new();

    public BucketTable(TimeProvider time, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate) return _index.Count;
        }
    }

    /// <summary>Takes one token from <paramref name="key"/>'s bucket under <paramref name="budget"/>; false when it is empty.</summary>
    public bool TryTake(TKey key, RateBudget budget)
    {
        if (budget.IsUnlimited) return true;
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            else
            {
                if (_index.Count >= _capacity)
                {
                    var oldest = _recent.Last!;
                    _recent.RemoveLast();
                    _index.Remove(oldest.Value.Key);
                }

                node = _recent.AddFirst(new Entry(key, budget, TokenBucket.Full(budget, now)));
                _index[key] = node;
            }

            node.Value.Budget = budget;
            return node.Value.Bucket.TryTake(budget, now, _time.TimestampFrequency);
        }
    }

    /// <summary>Forgets the keys, oldest first, whose buckets are full again (they have been quiet long enough).</summary>
    public void ForgetQuiet()
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            while (_recent.Last is { } oldest && oldest.Value.Bucket.IsFullAt(oldest.Value.Budget, now, _time.TimestampFrequency))
            {
                _recent.RemoveLast();
                _index.Remove(oldest.Value.Key);
            }
        }
    }

    private sealed class Entry(TKey key, RateBudget budget, TokenBucket bucket)
    {
        public TKey Key { get; } = key;

        public RateBudget Budget { get; set; } = budget;

        public TokenBucket Bucket = bucket;
    }
}
