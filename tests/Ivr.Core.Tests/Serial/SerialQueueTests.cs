using Ivr.Core.Serial;

namespace Ivr.Core.Tests.Serial;

public sealed class SerialQueueTests
{
    [Fact]
    public void Inline_runs_on_the_posting_thread_before_post_returns()
    {
        var seen = new List<int>();
        var queue = new SerialQueue<int>(seen.Add, (_, _) => { }, SerialDispatch.Inline);

        queue.Post(1);
        queue.Post(2);

        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void An_item_posted_by_a_handler_runs_after_it_never_inside_it()
    {
        var trace = new List<string>();
        SerialQueue<int>? queue = null;
        queue = new SerialQueue<int>(
            n =>
            {
                trace.Add($"start {n}");
                if (n == 1) queue!.Post(2);
                trace.Add($"end {n}");
            },
            (_, _) => { },
            SerialDispatch.Inline);

        queue.Post(1);

        Assert.Equal(["start 1", "end 1", "start 2", "end 2"], trace);
    }

    [Fact]
    public void A_failing_item_is_reported_and_the_next_still_runs()
    {
        var seen = new List<int>();
        var errors = new List<(int, string)>();
        var queue = new SerialQueue<int>(
            n =>
            {
                if (n == 1) throw new InvalidOperationException("boom");
                seen.Add(n);
            },
            (n, ex) => errors.Add((n, ex.Message)),
            SerialDispatch.Inline);

        queue.Post(1);
        queue.Post(2);

        Assert.Equal([2], seen);
        Assert.Equal([(1, "boom")], errors);
    }

    [Fact]
    public void A_closed_queue_keeps_items_in_order_until_opened()
    {
        var seen = new List<int>();
        var queue = new SerialQueue<int>(seen.Add, (_, _) => { }, SerialDispatch.Inline, open: false);

        queue.Post(1);
        queue.Post(2);
        Assert.Empty(seen);
        Assert.Equal(2, queue.Pending);

        queue.Open();

        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public async Task Thread_pool_dispatch_never_runs_on_the_poster_and_keeps_order_under_contention()
    {
        var insidePost = new ThreadLocal<bool>();
        var seen = new List<int>();
        var ranOnPoster = false;
        var concurrent = 0;
        var overlapped = false;
        var done = new TaskCompletionSource();
        const int perPoster = 2000;
        var queue = new SerialQueue<int>(
            n =>
            {
                if (Interlocked.Increment(ref concurrent) > 1) overlapped = true;
                if (insidePost.Value) ranOnPoster = true;
                seen.Add(n);
                Interlocked.Decrement(ref concurrent);
                if (seen.Count == 2 * perPoster) done.SetResult();
            },
            (_, _) => { },
            SerialDispatch.ThreadPool);

        void Post(int n)
        {
            insidePost.Value = true;
            queue.Post(n);
            insidePost.Value = false;
        }

        var other = Task.Run(() =>
        {
            for (var i = 0; i < perPoster; i++) Post(perPoster + i);
        });
        for (var i = 0; i < perPoster; i++) Post(i);
        await other;
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(overlapped);
        Assert.False(ranOnPoster);
        Assert.Equal(Enumerable.Range(0, perPoster), seen.Where(n => n < perPoster));
        Assert.Equal(Enumerable.Range(perPoster, perPoster), seen.Where(n => n >= perPoster));
    }

    [Fact]
    public void A_handler_object_runs_the_items_in_order_and_hears_of_a_failure_the_next_item_survives()
    {
        var handler = new RecordingHandler();
        var queue = new SerialQueue<int>(handler, SerialDispatch.Inline);

        queue.Post(1);
        queue.Post(-2);
        queue.Post(3);

        Assert.Equal([1, 3], handler.Handled);
        Assert.Equal([(-2, "negative")], handler.Failures);
    }

    [Fact]
    public async Task A_handler_object_on_a_lane_runs_on_the_lane_not_on_the_poster()
    {
        using var threads = new EventThreads(1, TimeProvider.System, _ => { }, raise: () => EventPriority.Normal);
        threads.Start();
        var handler = new RecordingHandler();
        var queue = new SerialQueue<int>(handler, threads.Lanes[0]);
        var poster = Environment.CurrentManagedThreadId;

        queue.Post(1);
        await handler.First.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(poster, handler.Thread);
    }

    private sealed class RecordingHandler : ISerialHandler<int>
    {
        public List<int> Handled { get; } = [];

        public List<(int, string)> Failures { get; } = [];

        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Thread { get; private set; }

        public void Handle(int item)
        {
            if (item < 0) throw new InvalidOperationException("negative");
            Thread = Environment.CurrentManagedThreadId;
            Handled.Add(item);
            First.TrySetResult();
        }

        public void Failed(int item, Exception error) => Failures.Add((item, error.Message));
    }
}
