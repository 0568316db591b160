using System.Diagnostics;
using System.Net;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Throttling;
using Ivr.Sip.UserAgent;
using Ivr.Tests.Shared;
using Xunit.Abstractions;

namespace Ivr.Sip.Tests.EndToEnd;

/// <summary>
/// Interoperability with SIPp's built-in UAC scenario (INVITE with SDP, 100/180/200, ACK, BYE, 200).
/// Returns early with a note when sipp is not installed.
/// </summary>
public sealed class SippCallTests
{
    private const string SippPath = "/usr/bin/sipp";
    private readonly ITestOutputHelper _output;

    public SippCallTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData("u1", 1, 10)]
    [InlineData("t1", 1, 10)]
    [InlineData("u1", 200, 100)]
    public async Task SippUac_Calls_AllCompleteSuccessfully(string transport, int calls, int ratePerSecond)
    {
        if (!File.Exists(SippPath))
        {
            _output.WriteLine($"sipp not found at {SippPath}: interoperability test not run");
            return;
        }

        var handler = new TestCallHandler();
        // SIPp is one source placing calls as fast as it can: the stack's capacity is under test here, not its throttles
        // (Throttling/ and FloodTests test those).
        var unthrottled = new SipUserAgentOptions { Calls = CallLimits.None, Inbound = InboundLimits.None };
        await using var stack = SipStack.Start(new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, UserAgent = unthrottled }, handler);
        var port = transport == "u1" ? stack.UdpEndPoint!.Port : stack.TcpEndPoint!.Port;
        var workDir = Directory.CreateTempSubdirectory("ivr-sipp-");
        var info = new ProcessStartInfo(SippPath)
        {
            WorkingDirectory = workDir.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "-sn", "uac", $"127.0.0.1:{port}", "-s", "12333", "-m", calls.ToString(), "-r", ratePerSecond.ToString(), "-i", "127.0.0.1", "-p", FreePorts.One().ToString(),
            "-t", transport, "-timeout", "20s", "-timeout_error", "-nostdin", "-nd",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var sipp = Process.Start(info)!;
        var stdout = sipp.StandardOutput.ReadToEndAsync();
        var stderr = sipp.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sipp.WaitForExitAsync(timeout.Token);
        _output.WriteLine(await stderr);
        var text = await stdout;
        _output.WriteLine(text.Length > 4000 ? text[^4000..] : text);

        _output.WriteLine($"{calls} calls at {ratePerSecond}/s over {transport}: {started.ElapsedMilliseconds} ms");

        Assert.Equal(0, sipp.ExitCode);
        Assert.True(SpinWait.SpinUntil(() => handler.Events.Count(e => e == "ended:RemoteHangup") == calls, 2000));
        Assert.Equal(calls, handler.Events.Count(e => e == "confirmed"));
        Assert.Equal(0, stack.Endpoint.UserAgent.ActiveCalls);
        workDir.Delete(recursive: true);
    }

    [Fact]
    public async Task SippUas_OutboundCall_AnsweredAndHungUp()
    {
        if (!File.Exists(SippPath))
        {
            _output.WriteLine($"sipp not found at {SippPath}: interoperability test not run");
            return;
        }

        var sippPort = FreePorts.One();
        var workDir = Directory.CreateTempSubdirectory("ivr-sipp-");
        var info = new ProcessStartInfo(SippPath) { WorkingDirectory = workDir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(), "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin" })
        {
            info.ArgumentList.Add(arg);
        }

        using var sipp = Process.Start(info)!;
        var stdout = sipp.StandardOutput.ReadToEndAsync();
        await using var stack = SipStack.Start(new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableTcp = false }, new TestCallHandler());
        var target = Ivr.Sip.Message.SipUri.Parse($"sip:agent@127.0.0.1:{sippPort}").Value!;
        var from = Ivr.Sip.Message.NameAddress.Parse("<sip:12333@127.0.0.1>").Value!;

        Ivr.Sip.UserAgent.SipOutboundOutcome? outcome = null;
        for (var attempt = 0; attempt < 10 && outcome is null; attempt++)
        {
            // sipp needs a moment to bind; an INVITE sent before that is lost and times out, so retry quickly.
            await Task.Delay(300);
            var call = stack.PlaceCall(target, from, Ivr.Sip.Sdp.SdpOfferAnswer.CreateOffer(TestCallHandler.Media));
            var first = await Task.WhenAny(call.Answered, Task.Delay(2000));
            if (first == call.Answered)
            {
                outcome = await call.Answered;
                call.Hangup();
                Assert.Equal(SipCallEndReason.LocalHangup, await call.Ended.WaitAsync(TimeSpan.FromSeconds(5)));
            }
            else
            {
                call.Cancel();
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sipp.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        _output.WriteLine(text.Length > 3000 ? text[^3000..] : text);

        Assert.Equal(200, outcome?.StatusCode);
        Assert.Equal(0, sipp.ExitCode);
        workDir.Delete(recursive: true);
    }
}
