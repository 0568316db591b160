using Ivr.Host.SipReplay;
using Ivr.Runtime.Replay;

namespace Ivr.Host.Tests.SipReplay;

/// <summary>
/// Replay scripts as real SIP calls to <c>ivr serve</c> on this machine: PCMU, RFC 4733 keys, a BYE,
/// checked against the events the server recorded in its database. Real time: each call lasts as
/// long as its prompts (limits are generous; nothing here measures speed). In the console collection:
/// the in-process server logs to the console, which other tests capture.
/// </summary>
[Collection("console")]
public sealed class LiveReplayTests(LiveServerFixture server) : IClassFixture<LiveServerFixture>
{
    private static readonly Dictionary<string, string> TestData = ReadTestData();

    [Fact]
    public async Task Run_PensionWithDemoIdentity_Passes()
    {
        var result = await RunAsync("""
            name: pension over SIP — 张建国 types his ID (* for X) and PIN, hears the monthly amount
            steps:
              - expect: [welcome, main_menu]
              - press: "1"
              - expect: enter_id
              - press: "{id_zhang}#"
              - expect: enter_query_pin
              - press: "{pin_zhang}#"
              - expect: pension_monthly
              - expect_say: { as: amount, value: "3256.50" }
              - hangup: {}
              - expect_hangup: abandoned
            """);

        Assert.True(result.Passed, result.Failure);
        Assert.Contains(result.Events, e => e.Kind == Core.Calls.CallEventKind.LookupCompleted && e.Node == "pension.fetch" && e.Outcome == "ok");
        Assert.DoesNotContain(result.Events, e => e.Detail?.Contains(TestData["pin_zhang"]) == true); // what the server recorded is masked
    }

    [Fact]
    public async Task Run_InvalidKeyThenValid_Passes()
    {
        var result = await RunAsync("""
            name: an invalid key in the main menu, then a valid one
            steps:
              - expect: [welcome, main_menu]
              - press: "9"
              - expect: [invalid_key, main_menu_short]
              - press: "3"
              - expect: card_menu
              - hangup: {}
              - expect_hangup: abandoned
            """);

        Assert.True(result.Passed, result.Failure);
        Assert.Contains(result.Events, e => e.Kind == Core.Calls.CallEventKind.InputRejected && e.Outcome == "invalid" && e.Detail == "9");
    }

    [Fact]
    public async Task Run_HangUpMidMenu_PassesAbandoned()
    {
        var result = await RunAsync("""
            name: the caller hangs up while the main menu plays (barge-in time, not the menu's end)
            steps:
              - expect: [welcome, main_menu]
              - wait: 1s
              - hangup: {}
              - expect_hangup: abandoned
            """);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal("abandoned", result.Disposition);
    }

    [Fact]
    public async Task Run_WrongPromptExpected_FailsWithTheDivergence()
    {
        var result = await RunAsync("""
            name: deliberately wrong — the main menu is not the card menu
            steps:
              - expect: welcome
              - expect: card_menu
              - hangup: {}
            """);

        Assert.False(result.Passed);
        Assert.Contains("step 2 (expect card_menu): expected prompt card_menu, heard main_menu", result.Failure);
        Assert.Contains("in main.main_menu", result.Failure);
    }

    [Fact]
    public async Task RunAsync_Folder_SkipsStubbedScriptsWithReasonAndEndsWithTheClosingLine()
    {
        var folder = Directory.CreateTempSubdirectory("ivr-sipreplay-scripts-").FullName;
        File.Copy(Path.Combine(LiveServerFixture.Root, "tests", "replay", "test-data.yaml"), Path.Combine(folder, "test-data.yaml"));
        File.WriteAllText(Path.Combine(folder, "01-hangup.yaml"), """
            name: hang up during the greeting
            steps:
              - expect: welcome
              - hangup: {}
              - expect_hangup: abandoned
            """);
        File.WriteAllText(Path.Combine(folder, "02-stub.yaml"), """
            name: needs a failing back end
            lookups:
              pension.summary: { outcome: error }
            steps:
              - expect: welcome
            """);
        var output = new StringWriter();

        var exit = await LiveReplay.RunAsync(server.Target, [Path.Combine(folder, "01-hangup.yaml"), Path.Combine(folder, "02-stub.yaml")], server.Set,
            server.Database, new LiveReplayOptions(), resetDemo: false, junit: null, output, CancellationToken.None);

        Directory.Delete(folder, recursive: true);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(0, exit);
        Assert.Contains(lines, l => l.StartsWith("SKIP ") && l.EndsWith("02-stub.yaml: needs a lookup stub (pension.summary)"));
        Assert.Contains(lines, l => l.StartsWith("PASS ") && l.Contains("01-hangup.yaml ("));
        Assert.Equal("1 passed, 0 failed, 1 skipped", lines[^1]);
    }

    private async Task<ReplayResult> RunAsync(string yaml)
    {
        var folder = Directory.CreateTempSubdirectory("ivr-sipreplay-script-").FullName;
        try
        {
            File.Copy(Path.Combine(LiveServerFixture.Root, "tests", "replay", "test-data.yaml"), Path.Combine(folder, "test-data.yaml"));
            var path = Path.Combine(folder, "script.yaml");
            File.WriteAllText(path, yaml);
            var script = ReplayScriptReader.Read(path);
            await using var runner = LiveReplayRunner.Start(server.Target, server.Set, server.Database);
            return await Task.Run(() => runner.Run(script)).WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> ReadTestData() =>
        File.ReadAllLines(Path.Combine(LiveServerFixture.Root, "tests", "replay", "test-data.yaml"))
            .Select(l => l.Split('#')[0].Split(':', 2))
            .Where(p => p.Length == 2 && p[1].Trim().Length > 0)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'));
}
