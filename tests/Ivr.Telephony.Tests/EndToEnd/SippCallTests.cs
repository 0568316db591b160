using System.Diagnostics;
using Ivr.Core.Channel;
using Ivr.Telephony.Tests.TestSupport;
using Ivr.Tests.Shared;
using Xunit.Abstractions;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// SIPp as the caller (tests/e2e/uac_dtmf_2833.xml): INVITE with SDP, ACK, key "1" replayed from
/// SIPp's RFC 4733 pcap, BYE. Returns early with a note when sipp or the pcap is not installed.
/// </summary>
public sealed class SippCallTests(ITestOutputHelper output)
{
    private const string SippPath = "/usr/bin/sipp";
    private const string Pcap = "/usr/share/sip-tester/dtmf_2833_1.pcap";

    [Theory]
    [InlineData(1, 1, "u1")]
    [InlineData(1, 1, "t1")]
    [InlineData(30, 30, "u1")]
    public async Task SippUac_Rfc4733Pcap_EachFlowSeesKeyOneAndHangUp(int calls, int ratePerSecond, string transport)
    {
        if (!File.Exists(SippPath) || !File.Exists(Pcap))
        {
            output.WriteLine($"sipp ({SippPath}) or its pcap ({Pcap}) not installed: SIPp test not run");
            return;
        }

        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(1))], BargeIn: true)));
        var scenario = Path.Combine(AppContext.BaseDirectory, "e2e", "uac_dtmf_2833.xml");
        var workDir = Directory.CreateTempSubdirectory("ivr-sipp-");
        var sippPorts = FreePorts.Take(2, span: 4); // SIPp's SIP port (-p) and its media port (-mp: SIPp 3.6 binds -mp and -mp+2)
        var info = new ProcessStartInfo(SippPath)
        {
            WorkingDirectory = workDir.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            $"127.0.0.1:{(transport == "t1" ? harness.Stack.TcpEndPoint! : harness.SipEndPoint).Port}", "-t", transport, "-sf", scenario, "-s", "12333", "-m", calls.ToString(), "-r", ratePerSecond.ToString(), "-d", "300", "-timeout", "30", "-timeout_error",
            "-i", "127.0.0.1", "-p", sippPorts[0].ToString(), "-mi", "127.0.0.1", "-mp", sippPorts[1].ToString(), "-nostdin", "-nd", "-trace_err",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var sipp = Process.Start(info)!;
        var stdout = sipp.StandardOutput.ReadToEndAsync();
        var stderr = sipp.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await sipp.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stderr);
        var text = await stdout;
        output.WriteLine(text.Length > 3000 ? text[^3000..] : text);
        foreach (var file in workDir.GetFiles("*_errors.log")) output.WriteLine(File.ReadAllText(file.FullName));

        output.WriteLine($"{calls} calls at {ratePerSecond}/s over {transport}; playout {harness.SchedulerStatistics}");
        Assert.Equal(0, sipp.ExitCode);
        Assert.Equal(calls, harness.Calls.Count);
        foreach (var call in harness.Calls)
        {
            Assert.True(await call.WaitForAsync("hungup:caller"), string.Join(", ", call.Events));
            Assert.Equal(['1'], call.Digits);
            Assert.Equal("12333", call.Info.Dialled);
        }

        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
        workDir.Delete(recursive: true);
    }
}
