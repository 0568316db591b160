using Xunit.Abstractions;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// A real softphone (Net::SIP, tests/e2e/netsip/softphone.pl) calls a real `ivr serve` running the
/// shipped flows, presses 1 about two seconds into the main menu, and records what it hears. RFC 4733
/// keys are sent with telephone-event offered; in-band keys with PCMU alone offered, and with telephone-event
/// offered too (a gateway with a TDM hop does this: the server listens in-band until the first RFC 4733 packet,
/// dtmfmode=auto, issue 14 finding 8).
/// The recording must hold the welcome prompt from the answer, then the start of the main menu,
/// then (barge-in: long before the 21 s main menu would have ended) the pension service's enter_id.
/// Prompts are found by normalised cross-correlation of 10 ms energy envelopes; a prompt that was
/// not played (goodbye) must match clearly worse. Returns early with a note when perl's Net::SIP
/// or the built `ivr` is missing.
/// </summary>
public sealed class NetSipSoftphoneTests(ITestOutputHelper output)
{
    private const double StrongMatch = 0.8;
    private const double KeyAtSeconds = 10.5;
    private const double RecordSeconds = 16.5;

    [Theory]
    [InlineData("rfc2833", true)]
    [InlineData("audio", false)]
    [InlineData("audio", true)]
    public async Task Softphone_KeyOneDuringMainMenu_HearsWelcomeMainMenuThenEnterId(string method, bool offerTelephoneEvent)
    {
        if (!await NetSipSoftphone.IsInstalledAsync(CancellationToken.None))
        {
            output.WriteLine("perl -MNet::SIP -e1 failed (install libnet-sip-perl): Net::SIP softphone test not run");
            return;
        }

        var root = IvrServeProcess.FindRepositoryRoot();
        var binary = root is null ? null : IvrServeProcess.FindBinary(root);
        if (root is null || binary is null)
        {
            output.WriteLine("no built ivr (dotnet build engine/Ivr.Host): Net::SIP softphone test not run");
            return;
        }

        var prompts = Path.Combine(root, "prompts", "zh-CN");
        var expected = new ExpectedPrompts(Prompt(prompts, "welcome"), Prompt(prompts, "main_menu"), Prompt(prompts, "enter_id"), Prompt(prompts, "goodbye"));

        for (var attempt = 1; ; attempt++)
        {
            using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // a cold start on a loaded machine is slow
            NetSipSoftphone.Result call;
            string serverLog;
            await using (var server = await IvrServeProcess.StartAsync(root, binary, starting.Token))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
                call = await NetSipSoftphone.CallAsync(root, server.SipPort, RecordSeconds, "1", KeyAtSeconds, method, offerTelephoneEvent, timeout.Token);
                output.WriteLine(call.Output);
                await Task.Delay(300, timeout.Token);
                serverLog = server.Log;
                output.WriteLine(serverLog);
            }

            try
            {
                CheckWhatWasHeard(method, offerTelephoneEvent, call, serverLog, expected);
                return;
            }
            catch (Xunit.Sdk.XunitException failure) when (attempt == 1 && Starved(call.Output))
            {
                // A CPU-starved machine delays the server's packets and the server skips audio to keep
                // real time; that is not the flow's fault, so such a call gets one more try.
                output.WriteLine($"attempt 1 failed on a starved machine (RTP ran late), trying once more: {failure.Message}");
            }
        }
    }

    private void CheckWhatWasHeard(string method, bool offerTelephoneEvent, NetSipSoftphone.Result call, string serverLog, ExpectedPrompts expected)
    {
        var (welcome, mainMenu, enterId, goodbye) = expected;
        Assert.Contains(offerTelephoneEvent ? "answered (PCMU, telephone-event 101" : "answered (PCMU,", serverLog);
        Assert.Equal(offerTelephoneEvent, serverLog.Contains("telephone-event", StringComparison.Ordinal));

        Assert.Equal(0, call.ExitCode);
        var heard = AudioEnvelope.Envelope(AudioEnvelope.DecodeMuLaw(call.Recording));
        output.WriteLine($"{method}: recorded {heard.Length / 100.0:F2} s");

        var welcomeMatch = PromptFinder.Find(heard, welcome);
        var goodbyeMatch = PromptFinder.Find(heard, goodbye);
        output.WriteLine($"welcome {welcomeMatch}; goodbye (not played) {goodbyeMatch}");
        Assert.NotNull(welcomeMatch);
        Assert.True(welcomeMatch.Correlation > StrongMatch, $"welcome not heard: {welcomeMatch}");
        Assert.True(welcomeMatch.Seconds < 1.5, $"welcome heard late: {welcomeMatch}");
        Assert.True(goodbyeMatch is null || goodbyeMatch.Correlation < welcomeMatch.Correlation - 0.1, $"goodbye matches as well as welcome: {goodbyeMatch}");

        var welcomeEnd = welcomeMatch.Frame + welcome.Length;
        var menuMatch = PromptFinder.Find(heard, mainMenu, welcomeEnd, maxFrames: 200);
        output.WriteLine($"main_menu (first 2 s) {menuMatch}");
        Assert.NotNull(menuMatch);
        Assert.True(menuMatch.Correlation > StrongMatch, $"main menu not heard after welcome: {menuMatch}");
        Assert.True(menuMatch.Seconds < KeyAtSeconds - 2, $"main menu started too late for the key to land in it: {menuMatch}");

        var keySent = System.Text.RegularExpressions.Regex.Match(call.Output, @"([0-9.]+) s into the recording");
        Assert.True(keySent.Success, "the softphone did not say when it sent the key");
        var keySeconds = double.Parse(keySent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Searched from just before the key (not from a fixed point in the menu): a quick server answers the key
        // within a few frames, and where the key lands in the menu depends on when the first packet arrived.
        var afterKey = Math.Max(menuMatch.Frame + 100, (int)(keySeconds * 100) - 10);
        var enterIdMatch = PromptFinder.Find(heard, enterId, afterKey, maxFrames: 400);
        var goodbyeAfterKey = PromptFinder.Find(heard, goodbye, afterKey);
        output.WriteLine($"enter_id (first 4 s) {enterIdMatch}; goodbye after the key {goodbyeAfterKey}");
        Assert.NotNull(enterIdMatch);
        Assert.True(enterIdMatch.Correlation > StrongMatch, $"enter_id not heard after key 1 ({method}): {enterIdMatch}");
        Assert.True(enterIdMatch.Frame < menuMatch.Frame + mainMenu.Length, $"main menu was not cut by the key (no barge-in): {enterIdMatch}");
        Assert.True(goodbyeAfterKey is null || goodbyeAfterKey.Correlation < enterIdMatch.Correlation - 0.1, $"goodbye matches as well as enter_id: {goodbyeAfterKey}");
        var reaction = enterIdMatch.Seconds - keySeconds;
        output.WriteLine($"{method}: main menu cut {enterIdMatch.Seconds - menuMatch.Seconds:F2} s into it; enter_id began {reaction:F2} s after the key was sent");
        // Barge-in must bring enter_id within a second of the key's start, and not before it (envelope
        // lags are good to a few 10 ms frames).
        Assert.InRange(reaction, -0.05, 1.0);
    }

    /// <summary>True when the softphone saw RTP arrive more than 0.05 s later than its timestamps say. At load 20–30 on two
    /// cores main's build and this one both arrived 0.083 s late on the first call of the class and then matched the main
    /// menu at r = 0.64–0.76 (frames skipped to keep real time): starved, not wrong.</summary>
    private static bool Starved(string softphoneOutput)
    {
        var lead = System.Text.RegularExpressions.Regex.Match(softphoneOutput, @"RTP timestamps ran (-?[0-9.]+) to");
        return lead.Success && double.Parse(lead.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < -0.05;
    }

    private static double[] Prompt(string folder, string name) =>
        AudioEnvelope.Envelope(AudioEnvelope.ReadWav(Path.Combine(folder, name + ".wav")));
}
