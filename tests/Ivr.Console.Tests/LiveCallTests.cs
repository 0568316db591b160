using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ivr.Core.Lookups;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.OperationsConsole.Tests.Support;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;

namespace Ivr.OperationsConsole.Tests;

public sealed class LiveCallTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ACallStartedThroughTheCallFactory_IsLiveWithItsNode_UntilItEnds()
    {
        using var flows = new FlowSetHost(RepositoryPaths.Flows, RepositoryPaths.Prompts, KnownOperations.All, _server.Time, _ => { });
        Assert.True(flows.Reload());
        var clock = new VirtualClock(_server.Time.GetUtcNow());
        var factory = new CallFactory(flows, new CallServices(clock, UnknownOperationLookupService.Instance, _server.Live));
        var channel = new SimulatedChannel(clock);
        using var agent = await _server.SignedInAsync("agent");
        var before = await agent.GetAsync("api/live");
        var etag = before.Headers.ETag!.Tag;

        var call = factory.Start(new CallIdentity("live-1", "13012345273", "12333"), channel, c => channel.Call = c)!;

        var live = await WaitForAsync(agent, calls => calls.Any(c => c.GetProperty("node").ValueKind == JsonValueKind.String));
        var shown = Assert.Single(live);
        Assert.Equal("live-1", shown.GetProperty("callId").GetString());
        Assert.Equal("130*****273", shown.GetProperty("callerMasked").GetString());
        Assert.StartsWith("main.", shown.GetProperty("node").GetString());
        Assert.Equal(flows.Current!.Version, shown.GetProperty("flowVersion").GetString());
        Assert.NotEqual(etag, (await agent.GetAsync("api/live")).Headers.ETag!.Tag);

        var unchanged = await agent.GetAsync("api/live", r => r.Headers.TryAddWithoutValidation("If-None-Match", _server.Live.Snapshot().Version is var v ? $"\"{v}\"" : ""));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        call.HungUp("caller");
        Assert.Empty(await WaitForAsync(agent, calls => calls.Count == 0));
    }

    [Fact]
    public async Task Stream_SendsTheCallsAtOnceAndOnChange()
    {
        using var agent = await _server.SignedInAsync("agent");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = await agent.StreamAsync("api/live/stream", cancel.Token);
        Assert.Equal("text/event-stream", request.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await request.Content.ReadAsStreamAsync(cancel.Token));

        Assert.Equal("event: live", await reader.ReadLineAsync(cancel.Token));
        Assert.Contains("\"calls\":[]", await reader.ReadLineAsync(cancel.Token));
        await reader.ReadLineAsync(cancel.Token);

        _server.Live.CallStarted(new Ivr.Core.Calls.CallStart("s-1", "13012345273", "12333", "v1", "main", _server.Time.GetUtcNow()));

        Assert.Equal("event: live", await reader.ReadLineAsync(cancel.Token));
        var data = await reader.ReadLineAsync(cancel.Token);
        Assert.Contains("\"callId\":\"s-1\"", data);
        Assert.DoesNotContain("13012345273", data);
        _server.Live.CallEnded("s-1", _server.Time.GetUtcNow(), "completed");
    }

    private static async Task<List<JsonElement>> WaitForAsync(ApiClient client, Func<List<JsonElement>, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var calls = (await client.GetJsonAsync("api/live")).GetProperty("calls").EnumerateArray().ToList();
            if (condition(calls) || waited.Elapsed > TimeSpan.FromSeconds(30)) return calls;
            await Task.Delay(50);
        }
    }
}
