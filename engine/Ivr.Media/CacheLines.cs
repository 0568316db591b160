using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Ivr.Media;

/// <summary>
/// Asks the CPU to bring an object's first cache line closer before it is read (x86's <c>prefetcht0</c>; nothing
/// elsewhere). A hint only: it never faults, and an object the collector moves meanwhile is merely not prefetched.
/// The media threads serve hundreds of calls each, one packet a call every 20 ms: by a call's next packet none of its
/// objects is in the thread's caches, so each object on the packet's path is a miss the thread waits for in turn
/// (issue 13, session 28's profiles). Where a thread knows a batch of calls ahead (an io_uring tick's completions, a
/// pacing step's streams) it prefetches their objects a hop a pass, so the misses of a pass overlap.
/// </summary>
internal static unsafe class CacheLines
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(object? target)
    {
        if (Sse.IsSupported && target is not null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref target));
    }
}
