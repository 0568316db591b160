using System.Runtime.InteropServices;

namespace Ivr.Media.Rtp.Receiving;

/// <summary>
/// The buffers an <see cref="IoUring"/> receives datagrams into, chosen by the kernel as each datagram is taken (a
/// provided-buffer ring: <c>io_uring_register_buf_ring(3)</c>): <see cref="Count"/> buffers of <see cref="Size"/> bytes in
/// one native block, and the ring that lends them — 16 bytes an entry, its tail in the first entry's last two bytes.
/// A completion names its buffer; the thread reads it, then <see cref="Recycle"/>s it, and <see cref="Publish"/> hands
/// the recycled ones back at once. Allocated once per receive thread; nothing per datagram. One thread at a time.
/// </summary>
internal sealed unsafe class ProvidedBuffers : IDisposable
{
    public const ushort Group = 0;

    private readonly byte* _ring;
    private readonly byte* _memory;
    private readonly ushort _mask;
    private ushort _tail; // entries written, published by Publish
    private ushort _published;

    /// <param name="count">Buffers (a power of two up to 32,768).</param>
    /// <param name="size">Bytes in each.</param>
    public ProvidedBuffers(int count, int size)
    {
        if (count is < 1 or > 32768 || (count & (count - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(count), count, "a power of two up to 32,768");
        Count = count;
        Size = size;
        _mask = (ushort)(count - 1);
        _ring = (byte*)NativeMemory.AlignedAlloc((nuint)(count * 16), 4096);
        new Span<byte>(_ring, count * 16).Clear();
        _memory = (byte*)NativeMemory.Alloc((nuint)count * (nuint)size);
        for (var id = 0; id < count; id++) Recycle((ushort)id);
        Publish();
    }

    public int Count { get; }

    public int Size { get; }

    public void* Ring => _ring;

    /// <summary>Buffer <paramref name="id"/>'s first <paramref name="length"/> bytes (what the kernel wrote).</summary>
    public Span<byte> Buffer(ushort id, int length) => new(_memory + (nint)id * Size, Math.Min(length, Size));

    /// <summary>Lends buffer <paramref name="id"/> to the kernel again (from the next <see cref="Publish"/>).</summary>
    public void Recycle(ushort id)
    {
        var entry = _ring + ((_tail & _mask) << 4);
        *(ulong*)entry = (ulong)(_memory + (nint)id * Size);
        *(uint*)(entry + 8) = (uint)Size;
        *(ushort*)(entry + 12) = id;
        _tail++;
    }

    /// <summary>Makes the recycled buffers the kernel's (their entries written before the tail that shows them).</summary>
    public void Publish()
    {
        if (_tail == _published) return;
        Volatile.Write(ref *(ushort*)(_ring + 14), _tail);
        _published = _tail;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_ring);
        NativeMemory.Free(_memory);
    }
}
