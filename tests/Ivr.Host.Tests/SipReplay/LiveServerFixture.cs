using System.Net;
using System.Net.Sockets;
using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Host.Commands;
using Ivr.Host.SipReplay;
using Ivr.Tests.Shared;

namespace Ivr.Host.Tests.SipReplay;

/// <summary>
/// <c>ivr serve</c> in this process on free ports, with the shipped flows and prompts and a brand-new
/// database in a temporary folder (so it holds the README's demo identities), its calls living on the
/// replay scripts' default day.
/// </summary>
public sealed class LiveServerFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _serve;

    public string Data { get; } = Directory.CreateTempSubdirectory("ivr-sipreplay-").FullName;

    public string Database => Path.Combine(Data, "ivr.db");

    public SipTarget Target { get; private set; } = null!;

    public FlowSet Set { get; private set; } = null!;

    public static string Root => ExampleFlows.RepositoryRoot;

    public async Task InitializeAsync()
    {
        var loaded = FlowSetLoader.Load(Path.Combine(Root, "flows"), Path.Combine(Root, "prompts", "zh-CN"), KnownOperations.All);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        Set = loaded.Set!;
        var port = FreePorts.One();
        var rtp = UdpPorts.FreeRange(40);
        _serve = Task.Run(() => new ServeCommand().RunAsync(
        [
            "--sip-port", port.ToString(), "--address", "127.0.0.1", "--no-console", "--rtp-ports", $"{rtp}-{rtp + 39}",
            "--clock-start", "2026-11-23T10:00:00+08:00", // the scripts' default moment: dates come out as written
            "--flows", Path.Combine(Root, "flows"), "--prompts", Path.Combine(Root, "prompts", "zh-CN"), "--data", Data,
        ], _stop.Token));
        Target = new SipTarget("12333", IPAddress.Loopback, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!UdpPorts.Held(port))
        {
            if (_serve.IsCompleted) throw new InvalidOperationException($"ivr serve stopped at once with exit code {await _serve}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("ivr serve did not listen for SIP within 120 s");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        if (_serve is not null) await _serve.WaitAsync(TimeSpan.FromSeconds(30));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
