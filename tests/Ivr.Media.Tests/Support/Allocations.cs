namespace Ivr.Media.Tests.Support;

/// <summary>
/// Bytes allocated by an action on this thread: the least over a few runs, because the runtime itself
/// may allocate now and then on the calling thread (tiered JIT promotion). Code that allocates per
/// packet or per tick allocates in every run.
/// </summary>
internal static class Allocations
{
    public static long Of(Action action, int runs = 3)
    {
        action();
        var least = long.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
