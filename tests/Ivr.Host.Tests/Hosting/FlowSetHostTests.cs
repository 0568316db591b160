using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Host.Hosting;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;

namespace Ivr.Host.Tests.Hosting;

public sealed class FlowSetHostTests : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();

    private FlowSetHost NewHost() => new(_files.Flows, _files.Prompts, null, TimeProvider.System, _log.Enqueue);

    [Fact]
    public void Reload_ValidFolder_ServesAVersionThatIsAContentHash()
    {
        using var host = NewHost();

        Assert.True(host.Reload(), string.Join("\n", _log));

        Assert.Matches("^[0-9a-f]{12}$", host.Current!.Version);
        var first = host.Current.Version;
        Assert.True(host.Reload());
        Assert.Equal(first, host.Current.Version); // same content, same version
    }

    [Fact]
    public void LoadFrom_APublishedCopy_IsTheFolderTheServingVersionCameFrom()
    {
        using var host = NewHost();
        using var published = new ExampleFlows();
        published.Edit("main.yaml", y => y.Replace("announcement_on: \"false\"", "announcement_on: \"true\""));
        Assert.Equal(_files.Flows, host.CurrentFlowsFolder); // nothing loaded yet: the node's own folder

        Assert.True(host.LoadFrom(published.Flows, published.Prompts));

        Assert.Equal(published.Flows, host.CurrentFlowsFolder); // what the console's flow history reads
        _files.Edit("main.yaml", y => y.Replace("kind: menu", "kind: menuu"));
        Assert.True(host.Reload()); // an invalid edit of the node's folder is rejected: the published copy still serves
        Assert.Equal(published.Flows, host.CurrentFlowsFolder);
    }

    [Fact]
    public void Reload_AfterAnEdit_SwapsInANewVersion()
    {
        using var host = NewHost();
        host.Reload();
        var before = host.Current!;

        _files.Edit("main.yaml", y => y.Replace("announcement_on: \"false\"", "announcement_on: \"true\""));
        host.Reload();

        Assert.NotEqual(before.Version, host.Current!.Version);
        Assert.Equal("true", host.Current.Flows["main"].Variables["announcement_on"]);
    }

    [Fact]
    public void Reload_InvalidChange_IsRejectedAndTheLastGoodVersionKeepsServing()
    {
        using var host = NewHost();
        host.Reload();
        var good = host.Current!;

        _files.Edit("main.yaml", y => y.Replace("kind: menu", "kind: menuu"));

        Assert.True(host.Reload()); // still serving
        Assert.Same(good, host.Current);
        Assert.Contains(_log, l => l.Contains("main.yaml:") && l.Contains("error") && l.Contains("menuu"));
        Assert.Contains(_log, l => l.Contains($"still serving version {good.Version}"));
    }

    [Fact]
    public void Reload_BrokenYaml_NothingHalfLoaded()
    {
        using var host = NewHost();
        _files.Edit("pension.yaml", y => y + "\n  broken: [unclosed\n");

        Assert.False(host.Reload());

        Assert.Null(host.Current);
        Assert.Contains(_log, l => l.Contains("pension.yaml:"));
    }

    [Fact]
    public void Watch_SavedChange_IsServedWithoutARestart()
    {
        using var host = NewHost();
        host.Reload();
        var before = host.Current!.Version;
        host.Watch();

        var saved = Stopwatch.StartNew();
        _files.Edit("main.yaml", y => y.Replace("announcement_on: \"false\"", "announcement_on: \"true\""));
        while (host.Current!.Version == before && saved.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(20);

        Assert.NotEqual(before, host.Current.Version);
        Console.WriteLine($"hot reload served the change {saved.ElapsedMilliseconds} ms after the save");
    }

    [Fact]
    public void RunningCall_FinishesOnTheVersionItStartedWith_NewCallsGetTheNewOne()
    {
        using var host = NewHost();
        host.Reload();
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
        var recorder = new MemoryCallRecorder();
        var factory = new CallFactory(host, new CallServices(clock, UnknownOperationLookupService.Instance, recorder));
        var channel = new SimulatedChannel(clock);
        var running = factory.Start(new CallIdentity("c1", "13012345273", "12333"), channel, c => channel.Call = c)!;
        var v1 = running.Set.Version;

        _files.Edit("main.yaml", y => y.Replace("announcement_on: \"false\"", "announcement_on: \"true\""));
        host.Reload();
        clock.Advance(TimeSpan.FromSeconds(30));
        var secondChannel = new SimulatedChannel(clock);
        var fresh = factory.Start(new CallIdentity("c2", "13012345273", "12333"), secondChannel, c => secondChannel.Call = c)!;

        Assert.Equal(v1, running.Set.Version);
        Assert.NotEqual(v1, fresh.Set.Version);
        Assert.All(recorder.Events.Where(e => e.CallId == "c1"), e => Assert.Equal(v1, e.FlowVersion));
        Assert.All(recorder.Events.Where(e => e.CallId == "c2"), e => Assert.Equal(fresh.Set.Version, e.FlowVersion));
        Assert.Contains(recorder.Events, e => e.CallId == "c1" && e.Kind == CallEventKind.NodeEntered);
    }

    public void Dispose() => _files.Dispose();
}
