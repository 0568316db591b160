using System.Diagnostics;
using Ivr.Core.Channel;
using Ivr.Telephony.Tests.TestSupport;
using Ivr.Telephony.Transfers;
using Ivr.Tests.Shared;
using Xunit.Abstractions;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// SIPp as the caller's phone (EndToEnd/Sipp/uac_transferee.xml): it calls, the flow transfers at once, SIPp
/// accepts the REFER, reports the agent's 200 in NOTIFY sipfrags and answers our BYE. Returns early with a note
/// when sipp is not installed.
/// </summary>
public sealed class SippTransferTests(ITestOutputHelper output)
{
    private const string SippPath = "/usr/bin/sipp";

    [Fact]
    public async Task SippTransferee_AcceptsReferAndReportsAnswered_TransferSucceedsAndIvrSendsBye()
    {
        if (!File.Exists(SippPath))
        {
            output.WriteLine($"sipp ({SippPath}) not installed: SIPp transfer test not run");
            return;
        }

        var options = new TelephonyOptions
        {
            TransferTargets = new TransferTargets(new Dictionary<string, string> { ["general"] = "sip:agents-general@127.0.0.1:5070" }),
        };
        await using var harness = new TelephonyHarness(
            onStart: call => call.Channel.Transfer(new TransferRequest("general", new Dictionary<string, string> { ["path"] = "main>agent" })),
            options: options);
        var scenario = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Sipp", "uac_transferee.xml");
        var workDir = Directory.CreateTempSubdirectory("ivr-sipp-transfer-");
        var sippPorts = FreePorts.Take(2, span: 4); // SIPp's SIP port (-p) and its media port (-mp: SIPp 3.6 binds -mp and -mp+2)
        var info = new ProcessStartInfo(SippPath)
        {
            WorkingDirectory = workDir.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            $"127.0.0.1:{harness.SipEndPoint.Port}", "-t", "u1", "-sf", scenario, "-s", "12333", "-m", "1", "-timeout", "20", "-timeout_error",
            "-i", "127.0.0.1", "-p", sippPorts[0].ToString(), "-mi", "127.0.0.1", "-mp", sippPorts[1].ToString(), "-nostdin", "-trace_err",
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var sipp = Process.Start(info)!;
        var stdout = sipp.StandardOutput.ReadToEndAsync();
        var stderr = sipp.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sipp.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stderr);
        var text = await stdout;
        output.WriteLine(text.Length > 3000 ? text[^3000..] : text);
        foreach (var file in workDir.GetFiles("*_errors.log")) output.WriteLine(File.ReadAllText(file.FullName));

        Assert.Equal(0, sipp.ExitCode);
        var call = Assert.Single(harness.Calls);
        Assert.True(await call.WaitForAsync("transfer:True:answered"), string.Join(", ", call.Events));
        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
        Assert.DoesNotContain(call.Events, e => e.StartsWith("hungup"));
        workDir.Delete(recursive: true);
    }
}
