using Ivr.Core.Calls;
using Ivr.Core.Fax;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

/// <summary>The fax node (即时传真) and the generated document menu in front of it.</summary>
public sealed class FaxHandlerTests
{
    // Sources are relative to the folder above flows/; the fixture's own files stand in for documents.
    private const string Catalog = """
        documents:
          - { id: policy, title: one, source: flows/main.yaml }
          - { id: guide, title: two, source: flows/routes.yaml }
        """;

    private const string Flow = """
        flow: main
        start: pick
        defaults:
          on_fail: bye
        nodes:
          pick:
            kind: menu
            prompt: menu_main
            options_from: fax_documents
            into: fax_document
            next: hold
          hold: { kind: play, prompts: wait, barge_in: false, next: send }
          send: { kind: fax, document: fax_document, sent: done, failed: sorry, unavailable: closed }
          done: { kind: hangup, prompt: thanks, disposition: fax_sent }
          sorry: { kind: hangup, prompt: sorry, disposition: fax_failed }
          closed: { kind: hangup, prompt: closed_msg, disposition: fax_unavailable }
          bye: { kind: hangup, prompt: goodbye }
        """;

    private static CallHarness Call(string flow = Flow, FaxResult? outcome = null)
    {
        var call = new CallHarness(FlowFixture.Load(("main.yaml", flow), ("fax_documents.yaml", Catalog)));
        call.Channel.FaxOutcome = outcome;
        return call.Start();
    }

    private static CallHarness Choose(string key, FaxResult? outcome = null)
    {
        var call = Call(outcome: outcome);
        call.FinishPrompt();
        call.Press(key);
        return call;
    }

    [Fact]
    public void GeneratedMenu_OffersEachDocumentByTitleKeyAndDigit()
    {
        var call = Call();

        call.FinishPrompt();

        Assert.Equal(["menu_main", "one", "press_key", "n1", "two", "press_key", "n2"], call.Heard);
    }

    [Fact]
    public void GeneratedMenu_Key2_PutsTheSecondDocumentIntoTheVariable()
    {
        var call = Choose("2");

        call.RunUntilIn("send");

        Assert.Equal("guide", call.Call.Variables.Get("fax_document"));
        Assert.Contains(call.EventsOf(CallEventKind.VariableSet), e => e.Node == "main.pick" && e.Detail == "fax_document=guide");
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.NodeLeft && e.Node == "main.pick" && e.Outcome == "2");
    }

    [Fact]
    public void GeneratedMenu_KeyBeyondTheCatalog_IsInvalid()
    {
        var call = Choose("3");

        call.RunUntil(() => call.EventsOf(CallEventKind.InputRejected).Any(), "the key was refused");

        Assert.Equal("invalid", call.EventsOf(CallEventKind.InputRejected).Single().Outcome);
        Assert.Null(call.Call.Variables.Get("fax_document"));
    }

    [Fact]
    public void Fax_EveryPageSent_SendsTheRenderedFileAndRecordsPagesAndCode()
    {
        var call = Choose("1", new FaxResult(FaxOutcome.Sent, 3, 3, 0, "ok"));

        call.RunToEnd();

        var fax = Assert.Single(call.Channel.Faxes);
        Assert.Equal("policy", fax.DocumentId);
        Assert.EndsWith(Path.Combine("fax", "rendered", "policy.tif"), fax.TiffPath);
        Assert.Equal("document policy", call.EventsOf(CallEventKind.FaxStarted).Single().Detail);
        var finished = call.EventsOf(CallEventKind.FaxFinished).Single();
        Assert.Equal(("sent", "document policy: 3/3 pages, result code 0 (ok)"), (finished.Outcome, finished.Detail));
        Assert.Equal("fax_sent", call.Call.Disposition);
    }

    [Fact]
    public void Fax_StoppedPartWay_TakesFailed()
    {
        var call = Choose("2", new FaxResult(FaxOutcome.PartiallySent, 1, 2, 49, "receiver hung up"));

        call.RunToEnd();

        Assert.Equal("partially_sent", call.EventsOf(CallEventKind.FaxFinished).Single().Outcome);
        Assert.Contains("main.sorry", call.Entered);
        Assert.Equal("fax_failed", call.Call.Disposition);
    }

    [Fact]
    public void Fax_LineCannotFax_TakesUnavailable()
    {
        var call = Choose("1", FaxResult.Unavailable("libspandsp2 missing"));

        call.RunToEnd();

        Assert.Equal("fax_unavailable", call.Call.Disposition);
    }

    [Fact]
    public void Fax_UnavailableWithoutItsBranch_TakesFailed()
    {
        var call = Call(Flow.Replace(", unavailable: closed", ""), FaxResult.Unavailable("no fax"));
        call.FinishPrompt();
        call.Press("1");

        call.RunToEnd();

        Assert.Equal("fax_failed", call.Call.Disposition);
    }

    [Fact]
    public void Fax_DocumentNotInCatalog_SendsNothingAndTakesFailed()
    {
        var call = Call("""
            flow: main
            start: pick
            nodes:
              pick: { kind: set, values: { fax_document: "'gone'" }, next: send }
              send: { kind: fax, document: fax_document, sent: done, failed: sorry }
              done: { kind: hangup, disposition: fax_sent }
              sorry: { kind: hangup, disposition: fax_failed }
            """);

        call.RunToEnd();

        Assert.Empty(call.Channel.Faxes);
        var finished = call.EventsOf(CallEventKind.FaxFinished).Single();
        Assert.Equal(("failed", "document 'gone' is not in the fax catalog; nothing sent"), (finished.Outcome, finished.Detail));
        Assert.Equal("fax_failed", call.Call.Disposition);
    }

    [Fact]
    public void Fax_KeysWhileSending_AreIgnored()
    {
        var call = Choose("1");
        call.RunUntil(() => call.Channel.Faxes.Count == 1, "the fax started");

        call.Press("9*#");
        call.RunToEnd();

        Assert.Equal("fax_sent", call.Call.Disposition);
        Assert.DoesNotContain(call.EventsOf(CallEventKind.InputRejected), e => e.Node == "main.send");
    }

    [Fact]
    public void Fax_CallerHangsUpWhileSending_TheLateReportChangesNothing()
    {
        var call = Choose("1");
        call.RunUntil(() => call.Channel.Faxes.Count == 1, "the fax started");

        call.Call.HungUp("caller");
        call.Call.FaxFinished(call.Channel.Faxes[0].RequestId, new FaxResult(FaxOutcome.Sent, 1, 1, 0, "late"));

        Assert.Equal("abandoned", call.Call.Disposition);
        Assert.Empty(call.EventsOf(CallEventKind.FaxFinished));
    }

    [Fact]
    public void Fax_ReportForAnotherRequest_IsIgnored()
    {
        var call = Choose("1");
        call.RunUntil(() => call.Channel.Faxes.Count == 1, "the fax started");

        call.Call.FaxFinished(call.Channel.Faxes[0].RequestId + 1, FaxResult.Unavailable("stale"));

        Assert.Equal("main.send", call.Call.Current?.Id);
        call.RunToEnd();
        Assert.Equal("fax_sent", call.Call.Disposition);
    }
}
