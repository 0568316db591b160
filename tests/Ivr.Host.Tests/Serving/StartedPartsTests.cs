using System.Collections.Concurrent;
using Ivr.Host.Serving;

namespace Ivr.Host.Tests.Serving;

public sealed class StartedPartsTests
{
    [Fact]
    public async Task Dispose_StopsInReverseOrderOfStart_AndAFailingPartDoesNotKeepTheOthersRunning()
    {
        var stopped = new List<string>();
        var log = new ConcurrentQueue<string>();
        var parts = new StartedParts(log.Enqueue);
        parts.Add("database", "db", p => Stop(stopped, p));
        parts.Add("console", "web", _ => throw new InvalidOperationException("port gone"));
        parts.Add("sip", "sip", p => Stop(stopped, p));

        await parts.DisposeAsync();

        Assert.Equal(["sip", "db"], stopped);
        Assert.Contains("stopping console: InvalidOperationException: port gone", log);
    }

    [Fact]
    public async Task Dispose_Twice_StopsEachPartOnce()
    {
        var stopped = new List<string>();
        var parts = new StartedParts(_ => { });
        parts.Add("sip", "sip", p => Stop(stopped, p));

        await parts.DisposeAsync();
        await parts.DisposeAsync();

        Assert.Equal(["sip"], stopped);
    }

    private static ValueTask Stop(List<string> stopped, string part)
    {
        stopped.Add(part);
        return ValueTask.CompletedTask;
    }
}
