using Ivr.Host.Collections;

namespace Ivr.Host.Tests.Collections;

/// <summary>The process's collections, heard of after each one until the listener stops.</summary>
public sealed class CollectionWatchTests
{
    [Fact]
    public void AListener_HearsOfACollection_UntilDisposed()
    {
        var heard = 0;
        var listening = CollectionWatch.Listen(() => Interlocked.Increment(ref heard));
        try
        {
            // Full collections: the sentinel may have been moved on to gen1 (CollectionWatch's summary), and a collection
            // made elsewhere between two of these may leave one unheard; three rounds at most.
            for (var round = 0; round < 3 && Volatile.Read(ref heard) == 0; round++)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
            }

            Assert.True(Volatile.Read(ref heard) > 0);
        }
        finally
        {
            listening.Dispose();
        }

        GC.WaitForPendingFinalizers();
        var after = Volatile.Read(ref heard);
        for (var round = 0; round < 3; round++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }

        // At most one call more: a finalizer that read the listeners just before the disposal may still be calling them.
        Assert.InRange(Volatile.Read(ref heard), after, after + 1);
    }
}
