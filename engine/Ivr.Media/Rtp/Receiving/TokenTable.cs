namespace Ivr.Media.Rtp.Receiving;

/// <summary>An item a <see cref="TokenTable{T}"/> holds: the token it was given, set once by the table.</summary>
internal interface ITokenHolder
{
    long Token { get; set; }
}

/// <summary>
/// Where a receive thread finds the receiver an <c>epoll</c> event or an <c>io_uring</c> completion names: each item gets a slot and a token (the slot in
/// the low 32 bits, a generation above it), so the lookup per ready socket is an array read and a compare with the
/// token kept beside it in the table — not a hash lookup (a <c>ConcurrentDictionary</c> was 1 % of the server with 300
/// talking callers, issue 13), and not a read of the item (an interface call on a cold object in shared generic code:
/// 3 % of an io_uring receive thread, issue 13, session 29). A token from before an item's removal never finds the item
/// that reuses its slot. <see cref="Add"/> and <see cref="Remove"/> from any thread (under a lock); <see cref="Find"/>
/// from any thread without one.
/// </summary>
internal sealed class TokenTable<T>
    where T : class, ITokenHolder
{
    private readonly Lock _gate = new();
    private readonly Stack<int> _free = new();
    private Entry[] _entries = new Entry[16];
    private uint _generation;
    private int _used;

    public int Count { get; private set; }

    /// <summary>Places <paramref name="item"/> and sets its <see cref="ITokenHolder.Token"/>, which it keeps.</summary>
    public long Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            var slot = _free.Count > 0 ? _free.Pop() : _used++;
            if (slot == _entries.Length) Grow();
            var token = ((long)++_generation << 32) | (uint)slot;
            item.Token = token;
            _entries[slot].Token = token;
            Volatile.Write(ref _entries[slot].Item, item); // after its token: a reader that sees the item sees its token
            Count++;
            return item.Token;
        }
    }

    /// <summary>Takes <paramref name="item"/> out; false when it is not there (removed already, or never added).</summary>
    public bool Remove(T item)
    {
        lock (_gate)
        {
            var slot = (int)(uint)item.Token;
            if (slot >= _used || !ReferenceEquals(_entries[slot].Item, item)) return false;
            Volatile.Write(ref _entries[slot].Item, null);
            _free.Push(slot);
            Count--;
            return true;
        }
    }

    /// <summary>The item <paramref name="token"/> names, or null when it was removed (or never there). A lookup racing
    /// a removal may still return the item being removed — a receiver is stopped before it is removed, and a stopped one
    /// handles nothing.</summary>
    public T? Find(long token)
    {
        var entries = Volatile.Read(ref _entries);
        var slot = (uint)token;
        if (slot >= (uint)entries.Length) return null;
        ref var entry = ref entries[slot];
        var item = Volatile.Read(ref entry.Item); // then the token: one written before this item was published, or later
        return Volatile.Read(ref entry.Token) == token ? item : null;
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        _entries.CopyTo(entries, 0);
        Volatile.Write(ref _entries, entries);
    }

    private struct Entry
    {
        public long Token;
        public T? Item;
    }
}
