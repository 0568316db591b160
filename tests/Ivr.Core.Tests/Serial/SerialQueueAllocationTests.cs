using Ivr.Core.Serial;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Core.Tests.Serial;

/// <summary>
/// Posting to an idle queue that drains elsewhere allocates nothing on the poster (issue 13): the drain is a work item
/// made with the queue. Before, every drain started on the pool cost a work-item object (32 B) on the posting thread —
/// the RTP receive or pacing thread, for every key and every prompt's end.
/// </summary>
public sealed class SerialQueueAllocationTests
{
    private const int Posts = 200;

    [Fact]
    public void ThreadPool_DrainsStartedOneByOne_NoAllocationOnThePoster()
    {
        var handled = 0;
        var queue = new SerialQueue<long>(_ => Interlocked.Increment(ref handled), (_, _) => { }, SerialDispatch.ThreadPool);

        var least = LeastAllocated(queue, () => Volatile.Read(ref handled));

        Assert.True(least < Posts * 8, $"{least} bytes for {Posts} drains started ({(double)least / Posts:0.0} per post)");
    }

    [Fact]
    public void Lane_DrainsStartedOneByOne_NoAllocationOnThePoster()
    {
        using var threads = new EventThreads(1, new FakeTimeProvider(), _ => { }, raise: () => EventPriority.Normal);
        threads.Start();
        var handled = 0;
        var queue = new SerialQueue<long>(_ => Interlocked.Increment(ref handled), (_, _) => { }, threads.NextLane());

        var least = LeastAllocated(queue, () => Volatile.Read(ref handled));

        Assert.True(least < Posts * 8, $"{least} bytes for {Posts} drains started ({(double)least / Posts:0.0} per post)");
    }

    [Fact]
    public void Capacity_FirstPostsOfANewQueue_NoAllocationOnThePoster()
    {
        var handler = new Counting();
        Assert.True(AllocatedByFirstPosts(() => new SerialQueue<long>(handler, SerialDispatch.Inline, open: false)) > 0); // grows on the first post

        var least = AllocatedByFirstPosts(() => new SerialQueue<long>(handler, SerialDispatch.Inline, open: false, capacity: 4));

        Assert.Equal(0, least);
    }

    /// <summary>What four posts to a new queue allocate on the poster (the least of three queues).</summary>
    private static long AllocatedByFirstPosts(Func<SerialQueue<long>> create)
    {
        long Once()
        {
            var queue = create();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 4; i++) queue.Post(i);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Once();
        return Math.Min(Once(), Math.Min(Once(), Once()));
    }

    private sealed class Counting : ISerialHandler<long>
    {
        public void Handle(long item)
        {
        }

        public void Failed(long item, Exception error)
        {
        }
    }

    /// <summary>Each post finds the queue idle (the previous item handled), so each starts a drain; the least of three passes.</summary>
    private static long LeastAllocated(SerialQueue<long> queue, Func<int> handled)
    {
        var posted = 0;
        long Pass()
        {
            var allocated = 0L;
            for (var i = 0; i < Posts; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                queue.Post(i);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                posted++;
                var spin = new SpinWait();
                while (handled() < posted) spin.SpinOnce(sleep1Threshold: -1);
            }

            return allocated;
        }

        Pass();
        return Math.Min(Pass(), Math.Min(Pass(), Pass()));
    }
}
