using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Host.Serving;
using Ivr.Host.Tests.Cli;
using Ivr.OperationsConsole.BrowserTests.Support;
using Ivr.Telephony.Tests.EndToEnd;

namespace Ivr.Host.Tests.Serving;

/// <summary>
/// A real `ivr serve` process drained by `ivr drain` (SIGTERM): OPTIONS and a new INVITE get 503, the call in progress
/// keeps its prompts and ends by the caller's BYE, then the server exits 0 — or, past --drain-timeout, ends the call itself.
/// </summary>
[Collection("console")]
public sealed class DrainProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigterm_RefusesNewCallsWith503_LetsTheCallInProgressEndNormally_ThenExitsZero()
    {
        await using var server = await StartAsync();
        await using var caller = await SipCaller.CallAsync(server.SipPort, "13800000001");
        await UntilAsync(() => caller.RtpPacketsReceived > 0, "the call never heard a prompt");

        var (code, output, errors) = await ProgramTests.Run("drain", "--data", server.DataFolder);
        Assert.True(code == 0, errors);
        Assert.Contains($"asked ivr serve (pid {server.Pid})", output);
        await UntilAsync(() => server.Log.Contains("draining: 1 calls up"), "the server never said it was draining");

        Assert.Equal(503, await OptionsStatusAsync(server.SipPort));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SipCaller.CallAsync(server.SipPort, "13800000002"));
        Assert.Contains("503", refused.Message);
        var heard = caller.RtpPacketsReceived;
        await UntilAsync(() => caller.RtpPacketsReceived > heard + 25, "the call in progress stopped hearing its prompts");
        Assert.Null(await server.WaitForExitAsync(TimeSpan.FromSeconds(1))); // still serving its call

        await caller.HangUpAsync();

        Assert.Equal(0, await server.WaitForExitAsync(Deadline));
        Assert.Contains("drained in ", server.Log);
        Assert.Matches(@"ended after [\d.]+ s \(caller\)", server.Log);
        Assert.DoesNotContain("(shutdown)", server.Log);
        Assert.False(File.Exists(ServePidFile.PathIn(server.DataFolder)), "serve.pid is removed on exit");
        var call = Assert.Single(new SqliteCallHistory(IvrDatabase.Open(Path.Combine(server.DataFolder, "ivr.db"))).Recent(10));
        Assert.NotNull(call.EndedAt);
        Assert.Equal("abandoned", call.Disposition); // the flow's own ending for a caller who hangs up in a menu
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Sigterm_CallStillUpAtTheDrainTimeout_GetsABye_AndTheServerExitsZero()
    {
        await using var server = await StartAsync("--drain-timeout", "2s");
        await using var caller = await SipCaller.CallAsync(server.SipPort, "13800000003");
        await UntilAsync(() => caller.RtpPacketsReceived > 0, "the call never heard a prompt");

        var (code, output, errors) = await ProgramTests.Run("drain", "--data", server.DataFolder, "--wait", "--timeout", "60s");

        Assert.True(code == 0, errors);
        Assert.Contains($"pid {server.Pid} stopped after", output);
        Assert.Equal(0, await server.WaitForExitAsync(Deadline));
        Assert.Equal(Ivr.Sip.UserAgent.SipCallEndReason.RemoteHangup, await caller.Call.Ended.WaitAsync(Deadline));
        Assert.Contains("drain timeout (2 s) passed: 1 calls still up get a BYE", server.Log);
    }

    [Fact]
    public async Task Drain_NoServerOnTheFolder_ExitsOne_AndAStaleFileIsNamed()
    {
        var data = Directory.CreateTempSubdirectory("ivr-drain-").FullName;
        try
        {
            var (code, _, errors) = await ProgramTests.Run("drain", "--data", data);
            Assert.Equal(1, code);
            Assert.Contains("no ivr serve runs on", errors);

            File.WriteAllText(ServePidFile.PathIn(data), "999999 2020-01-01T00:00:00.0000000Z\n");
            (code, _, errors) = await ProgramTests.Run("drain", "--data", data);
            Assert.Equal(1, code);
            Assert.Contains("is stale: process 999999 no longer runs", errors);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<IvrServeProcess> StartAsync(params string[] options)
    {
        var root = ExampleFlows.RepositoryRoot;
        var binary = IvrServeProcess.FindBinary(root) ?? throw new InvalidOperationException("engine/Ivr.Host is not built (dotnet build engine/Ivr.Host)");
        using var start = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return await IvrServeProcess.StartAsync(root, binary, start.Token, options: ["--no-console", .. options]);
    }

    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    /// <summary>The status an out-of-dialog OPTIONS gets (as Kamailio's dispatcher probes), sent until answered.</summary>
    private static async Task<int> OptionsStatusAsync(int sipPort)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)udp.Client.LocalEndPoint!;
        var options = Encoding.ASCII.GetBytes(
            $"OPTIONS sip:12333@127.0.0.1:{sipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK-probe{Environment.TickCount}\r\n"
            + $"Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1:{local.Port}>;tag=probe\r\nTo: <sip:12333@127.0.0.1>\r\nCall-ID: probe-{Guid.NewGuid():N}\r\n"
            + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await udp.SendAsync(options, new IPEndPoint(IPAddress.Loopback, sipPort));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                var reply = Encoding.ASCII.GetString((await udp.ReceiveAsync(wait.Token)).Buffer);
                return int.Parse(reply.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (OperationCanceledException)
            {
            }
        }

        throw new TimeoutException("no answer to OPTIONS within 20 s");
    }
}
