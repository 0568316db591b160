namespace Ivr.Media;

/// <summary>
/// Where a new call goes among threads that each wake for their own calls (the pacing threads, the RTP receive threads):
/// the first holding fewer than its share, so a later thread takes only what the earlier ones cannot (a thread that
/// wakes hundreds of times a second for a handful of calls costs more than it saves); when every thread holds its
/// share, the least loaded, the first of equals. Counts are read without a lock: calls added at the same moment may put
/// one more on a thread.
/// </summary>
internal static class FillFirst
{
    /// <param name="share">Calls a thread takes before the next is used; 0: always the least loaded.</param>
    public static T Choose<T>(T[] threads, int share, Func<T, int> count)
    {
        var least = threads[0];
        var leastCount = count(least);
        foreach (var thread in threads)
        {
            var held = count(thread);
            if (held < share) return thread;
            if (held < leastCount) (least, leastCount) = (thread, held);
        }

        return least;
    }
}
