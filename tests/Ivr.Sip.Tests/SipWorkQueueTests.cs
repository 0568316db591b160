namespace Ivr.Sip.Tests;

public sealed class SipWorkQueueTests
{
    [Fact]
    public void Post_FromInsideAWorkItem_RunsAfterTheCurrentItemCompletes()
    {
        var queue = new SipWorkQueue();
        var order = new List<string>();

        queue.Post(() =>
        {
            order.Add("outer-start");
            queue.Post(() => order.Add("inner"));
            order.Add("outer-end");
        });

        Assert.Equal(["outer-start", "outer-end", "inner"], order);
    }

    [Fact]
    public void Post_ItemThrows_LoggedAndLaterItemsStillRun()
    {
        var log = new TestSupport.RecordingLog();
        var queue = new SipWorkQueue(log);
        var ran = false;

        queue.Post(() =>
        {
            queue.Post(() => ran = true);
            throw new InvalidOperationException("boom");
        });

        Assert.True(ran);
        Assert.Contains(log.Warnings, w => w.Contains("boom"));
    }

    [Fact]
    public async Task Post_FromManyThreads_RunsEachItemOnceNeverConcurrently()
    {
        var queue = new SipWorkQueue();
        var running = 0;
        var maxRunning = 0;
        var count = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                queue.Post(() =>
                {
                    var now = Interlocked.Increment(ref running);
                    maxRunning = Math.Max(maxRunning, now);
                    count++;
                    Interlocked.Decrement(ref running);
                });
            }
        })));

        Assert.Equal(8000, count);
        Assert.Equal(1, maxRunning);
    }
}
