using Ivr.Core.Fax;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Replay;

/// <summary>Replay scripts say how the caller's fax machine answers (fax:) and expect a document sent (expect_fax).</summary>
public sealed class ReplayFaxScriptTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ReplayScript Read(string yaml) => ReplayScriptReader.Read(_folder.Write("script.yaml", yaml));

    [Fact]
    public void Read_Fax_GivesTheScriptedResultAndDuration()
    {
        var script = Read("""
            fax: { outcome: partially_sent, pages_sent: 1, pages_total: 3, result_code: 49, duration: 70s }
            steps:
              - expect_fax: pension_policy
            """);

        Assert.Equal(new FaxResult(FaxOutcome.PartiallySent, 1, 3, 49, "scripted partially_sent"), script.Fax);
        Assert.Equal(TimeSpan.FromSeconds(70), script.FaxDuration);
        var step = Assert.Single(script.Steps);
        Assert.Equal((ReplayStepKind.ExpectFax, "pension_policy"), (step.Kind, step.Values[0]));
    }

    [Fact]
    public void Read_FaxOutcomeOnly_FillsPagesAndCodeByOutcome()
    {
        Assert.Equal(new FaxResult(FaxOutcome.Unavailable, 0, 0, -1, "scripted unavailable"), Read("fax: { outcome: unavailable }\nsteps: []\n").Fax);
        Assert.Equal(new FaxResult(FaxOutcome.Sent, 1, 1, 0, "scripted sent"), Read("fax: {}\nsteps: []\n").Fax);
        Assert.Null(Read("steps: []\n").Fax);
    }

    [Theory]
    [InlineData("fax: { outcome: jammed }", "'jammed' is not a fax outcome: sent, partially_sent, busy, no_answer, failed, unavailable")]
    [InlineData("fax: { outcome: failed, pages: 2 }", "unknown fax field 'pages'")]
    [InlineData("fax: { pages_sent: two }", "'two' is not a whole number")]
    [InlineData("fax: { duration: soon }", "'soon' is not a duration like 30s")]
    [InlineData("fax: failed", "fax takes { outcome:")]
    public void Read_BadFax_SaysWhereAndWhy(string line, string message)
    {
        var error = Assert.Throws<ReplayScriptException>(() => Read(line + "\nsteps: []\n"));

        Assert.Contains(message, error.Message);
        Assert.Contains("script.yaml:1:", error.Message);
    }

    private static Ivr.Flows.Model.FlowSet FaxSet() => FlowFixture.Load(
            ("main.yaml", """
                flow: main
                start: send
                nodes:
                  send: { kind: fax, document: "'policy'", sent: done, failed: sorry }
                  done: { kind: hangup, disposition: fax_sent }
                  sorry: { kind: hangup, prompt: sorry, disposition: fax_failed }
                """),
            ("fax_documents.yaml", "documents:\n  - { id: policy, title: one, source: flows/main.yaml }\n"));

    [Fact]
    public void Run_ScriptedFailure_ReachesTheFailedBranch_AndExpectFaxChecksTheDocument()
    {
        var runner = new ReplayRunner(FaxSet());

        var passed = runner.Run(Read("fax: { outcome: busy }\nsteps:\n  - expect_fax: policy\n  - expect: sorry\n  - expect_hangup: fax_failed\n"));
        var wrongDocument = runner.Run(Read("steps:\n  - expect_fax: guide\n"));

        Assert.True(passed.Passed, passed.Failure);
        Assert.Contains("document 'guide' is not in the fax catalog", wrongDocument.Failure);
    }

    [Fact]
    public void ScriptFromCall_InstantFax_BecomesExpectFaxWithTheRecordedAnswer_AndReplaysGreen()
    {
        var set = FaxSet();
        var runner = new ReplayRunner(set);
        var original = runner.Run(Read("fax: { outcome: partially_sent, pages_sent: 1, pages_total: 2, result_code: 49, duration: 45s }\nsteps:\n  - expect_hangup: fax_failed\n"));
        Assert.True(original.Passed, original.Failure);
        var summary = new Ivr.Core.Calls.CallSummary("c-1", "130*****273", "12333", original.Script.At, original.Script.At + original.CallLength, original.Disposition, set.Version, []);

        var script = CallScriptWriter.Write(summary, original.Events);

        Assert.Contains("fax: { outcome: partially_sent, pages_sent: 1, pages_total: 2, result_code: 49, duration: 45000ms }", script);
        Assert.Contains("  - expect_fax: policy", script);
        var replayed = runner.Run(ReplayScriptReader.Read(_folder.Write("recorded.yaml", script)));
        Assert.True(replayed.Passed, replayed.Failure + "\n" + script);
        Assert.Equal(original.Events.Select(e => (e.Kind, e.Outcome)), replayed.Events.Select(e => (e.Kind, e.Outcome)));
    }
}
