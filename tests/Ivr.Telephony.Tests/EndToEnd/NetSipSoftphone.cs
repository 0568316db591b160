using System.Diagnostics;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// Runs tests/e2e/netsip/softphone.pl (a Net::SIP caller) against a SIP port and returns what it
/// recorded (raw µ-law placed by arrival time) with its exit code and diagnostics.
/// </summary>
public static class NetSipSoftphone
{
    public sealed record Result(int ExitCode, byte[] Recording, string Output);

    /// <summary>Whether perl and Net::SIP are installed (`perl -MNet::SIP -e1`).</summary>
    public static async Task<bool> IsInstalledAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("perl", ["-MNet::SIP", "-e1"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await probe.WaitForExitAsync(cancellationToken);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static async Task<Result> CallAsync(
        string root, int sipPort, double seconds, string? digits, double dtmfAt, string method, bool offerTelephoneEvent, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), $"netsip-{Guid.NewGuid():N}.ulaw");
        var info = new ProcessStartInfo("perl") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(root, "tests", "e2e", "netsip", "softphone.pl"));
        foreach (var arg in new[] { "--port", sipPort.ToString(), "--out", output, "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        if (!offerTelephoneEvent) info.ArgumentList.Add("--no-telephone-event");
        if (!string.IsNullOrEmpty(digits))
        {
            foreach (var arg in new[] { "--dtmf", digits, "--dtmf-at", dtmfAt.ToString(System.Globalization.CultureInfo.InvariantCulture), "--method", method })
                info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var recording = File.Exists(output) ? await File.ReadAllBytesAsync(output, cancellationToken) : [];
        File.Delete(output);
        return new Result(process.ExitCode, recording, await stdout + await stderr);
    }
}
