using Ivr.Core.Calls;
using Ivr.Core.Privacy;
using Ivr.Flows.Expressions;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class TransferHandlerTests
{
    private const string Flow = """
        flow: main
        start: menu
        defaults:
          on_fail: bye
        nodes:
          menu:
            kind: menu
            prompt: menu_main
            options:
              "1": to_agent
          to_agent:
            kind: transfer
            queue: pension
            prompt: transfer_msg
            context:
              reason: "'pension question'"
              caller: call.caller
              path: call.path
            on_failure: after_failure
          after_failure:
            kind: play
            prompts: sorry
            next: bye
          bye:
            kind: hangup
            prompt: goodbye
        """;

    private static CallHarness Transferring(string? queueAnswers = null)
    {
        var call = new CallHarness(FlowFixture.Load(Flow));
        if (queueAnswers is not null) call.Channel.QueueOutcomes["pension"] = queueAnswers;
        call.Start();
        call.FinishPrompt();
        call.Press("1");
        return call;
    }

    [Fact]
    public void Transfer_Answered_EndsTheCallTransferred()
    {
        var call = Transferring();

        call.RunToEnd();

        Assert.Equal("transferred", call.Call.Disposition);
        Assert.Null(call.Channel.HungUpWith); // the agent has the caller now: the IVR does not hang up
        Assert.Equal("pension", Assert.Single(call.Channel.Transfers).Queue);
        Assert.Equal("answered", Assert.Single(call.EventsOf(CallEventKind.TransferCompleted)).Outcome);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.to_agent", Outcome: "transferred" });
        Assert.Equal("transferred", call.Events[^1].Outcome);
        Assert.Equal(CallEventKind.CallEnded, call.Events[^1].Kind);
        Assert.Equal(["menu_main", "transfer_msg"], call.Heard);
    }

    [Fact]
    public void Transfer_Context_EvaluatedWithTheCallersNumberMasked()
    {
        var call = Transferring();

        call.RunToEnd();

        var context = call.Channel.Transfers[0].Context;
        Assert.Equal("pension question", context["reason"]);
        Assert.Equal("138*****678", context["caller"]);
        Assert.Equal("menu:1", context["path"]);
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("no_answer")]
    public void Transfer_Failed_SetsTransferFailureAndTakesOnFailure(string reason)
    {
        var call = Transferring(reason);

        call.RunUntilIn("after_failure");

        Assert.Equal(reason, call.Call.Variables.Get("transfer_failure"));
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.to_agent", Outcome: "failed" });
        call.RunToEnd();
        Assert.Equal("completed", call.Call.Disposition);
    }

    [Fact]
    public void Transfer_SecureValueInContext_NeverPassedInClear()
    {
        // The loader refuses a secure value in a transfer's context, so this flow is built directly.
        var model = new ModelBuilder();
        model.Add(new CollectNode
        {
            Name = "ask_id",
            Flow = "main",
            Location = model.At(),
            Input = model.Input("enter_id", "bye"),
            Into = "id_number",
            MinLength = 18,
            MaxLength = 18,
            StarAs = 'X',
            Validators = [new DigitValidator("cn-resident-id")],
            Secure = true,
            Mask = MaskStyle.ResidentId,
            Next = model.To("agent"),
        });
        model.Add(new TransferNode
        {
            Name = "agent",
            Flow = "main",
            Location = model.At(),
            Queue = "pension",
            Prompt = PromptList.Empty,
            Context = [KeyValuePair.Create("id", Expression.Parse("id_number")), KeyValuePair.Create("note", Expression.Parse("'id ' + id_number"))],
            OnFailure = model.To("bye"),
        });
        model.Hangup("bye");
        var id = ResidentIds.Valid("19660101");
        var call = new CallHarness(model.Build()).Start();
        call.FinishPrompt();

        call.Press(id);
        call.RunToEnd();

        var context = Assert.Single(call.Channel.Transfers).Context;
        Assert.Equal(Mask.ResidentId(id), context["id"]);
        Assert.All(context.Values, v => Assert.DoesNotContain(id[6..14], v));
        Assert.Equal("transferred", call.Call.Disposition);
    }
}
