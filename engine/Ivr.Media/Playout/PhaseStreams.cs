namespace Ivr.Media.Playout;

/// <summary>
/// The streams of one phase of a <see cref="PlayoutShard"/>, in the order they are served: an array with room to
/// grow and a count. Only the pacing thread iterates it (<see cref="Snapshot"/>), so that thread removes and moves
/// streams in place, without allocating; other threads only append (under the shard's lock), writing the slot
/// before publishing the count, and a full array is replaced by a larger copy, so a pacing step that took its
/// snapshot before either change still sees a consistent list. Removal keeps the order of the rest, and an
/// appended stream goes last, so a stream's place in its step's burst moves only when a stream ahead of it leaves: one
/// packet's send time, a few microseconds.
/// Every change is made under the shard's lock.
/// </summary>
internal sealed class PhaseStreams
{
    private PlayoutStream?[] _items = new PlayoutStream?[4];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The streams to serve now (the pacing thread's view): the count is read before the array, which an
    /// append publishes before the count, so every index below the count is filled.</summary>
    public ReadOnlySpan<PlayoutStream?> Snapshot()
    {
        var count = Volatile.Read(ref _count);
        return Volatile.Read(ref _items).AsSpan(0, count);
    }

    /// <summary>Appends a stream (any thread, under the shard's lock).</summary>
    public void Append(PlayoutStream stream)
    {
        var items = _items;
        if (_count == items.Length)
        {
            var larger = new PlayoutStream?[items.Length * 2];
            items.AsSpan(0, _count).CopyTo(larger);
            Volatile.Write(ref _items, items = larger);
        }

        Volatile.Write(ref items[_count], stream);
        Volatile.Write(ref _count, _count + 1);
    }

    public bool Contains(PlayoutStream stream) => IndexOf(stream) >= 0;

    /// <summary>Removes a stream found by reference (the pacing thread, under the shard's lock); false if it is not here.</summary>
    public bool Remove(PlayoutStream stream)
    {
        var index = IndexOf(stream);
        if (index < 0) return false;
        RemoveAt(index);
        return true;
    }

    /// <summary>By reference, not <see cref="Array.IndexOf{T}(T[], T)"/>: its comparer calls each stream's Equals, reading
    /// every stream object of the phase (a cache miss each, 0.6 % of the pacing thread at 1,000 calls) where comparing the
    /// references reads only this array.</summary>
    private int IndexOf(PlayoutStream stream)
    {
        var items = _items.AsSpan(0, _count);
        for (var i = 0; i < items.Length; i++)
            if (ReferenceEquals(items[i], stream)) return i;
        return -1;
    }

    /// <summary>Removes every detached stream, keeping the others' order (the pacing thread, under the shard's lock);
    /// returns how many went.</summary>
    public int RemoveDetached()
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
            if (_items[i] is { Detached: false } stream) _items[kept++] = stream;
        var removed = _count - kept;
        _items.AsSpan(kept, removed).Clear();
        Volatile.Write(ref _count, kept);
        return removed;
    }

    private void RemoveAt(int index)
    {
        _items.AsSpan(index + 1, _count - index - 1).CopyTo(_items.AsSpan(index));
        _items[_count - 1] = null;
        Volatile.Write(ref _count, _count - 1);
    }
}
