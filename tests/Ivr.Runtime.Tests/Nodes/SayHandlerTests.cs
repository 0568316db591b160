using Ivr.Core.Calls;
using Ivr.Core.Speech;
using Ivr.Flows.Expressions;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class SayHandlerTests
{
    private const string Flow = """
        flow: main
        start: amount
        variables:
          pension_amount: "3256.50"
        nodes:
          amount:
            kind: say
            before: balance_is
            value: pension_amount
            as: amount
            after: thanks
            next: bye
          bye:
            kind: hangup
            prompt: goodbye
        """;

    [Fact]
    public void Say_Amount_PlaysTheFragmentsBetweenItsPrompts()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();

        call.RunToEnd();

        var fragments = MandarinSayAs.Render("3256.50", SayAsKind.Amount).Prompts;
        Assert.Equal(["balance_is", .. fragments, "thanks", "goodbye"], call.Heard);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.PromptPlayed, Node: "main.amount", Outcome: "say", Detail: "amount 3256.50" });
    }

    [Fact]
    public void Say_SecureValue_NeverSpokenAndMaskedInEvents()
    {
        // The loader refuses to say a secure value, so this flow is built directly.
        var model = new ModelBuilder();
        model.Add(new CollectNode
        {
            Name = "ask_pin",
            Flow = "main",
            Location = model.At(),
            Input = model.Input("enter_pin", "bye"),
            Into = "pin",
            MaxLength = 6,
            Secure = true,
            Next = model.To("read_back"),
        });
        model.Add(new SayNode
        {
            Name = "read_back",
            Flow = "main",
            Location = model.At(),
            Before = ModelBuilder.Prompts("thanks"),
            Value = Expression.Parse("pin"),
            As = SayAsKind.Digits,
            After = PromptList.Empty,
            Next = model.To("bye"),
        });
        model.Hangup("bye");
        var call = new CallHarness(model.Build()).Start();
        call.FinishPrompt();

        call.Press("975310");
        call.RunToEnd();

        Assert.Equal(["enter_pin", "thanks", "goodbye"], call.Heard);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.PromptPlayed, Node: "main.read_back", Detail: "digits ******" });
        Assert.DoesNotContain(call.Events, e => (e.Detail ?? "").Contains("975310"));
    }

    [Fact]
    public void Say_Readback_SpeaksTheSecureEntryButMasksItInEvents()
    {
        var model = new ModelBuilder();
        model.Add(new CollectNode
        {
            Name = "ask_phone",
            Flow = "main",
            Location = model.At(),
            Input = model.Input("enter_pin", "bye"),
            Into = "callback",
            MaxLength = 11,
            Secure = true,
            Mask = MaskStyle.Phone,
            Next = model.To("confirm"),
        });
        model.Add(new SayNode
        {
            Name = "confirm",
            Flow = "main",
            Location = model.At(),
            Before = PromptList.Empty,
            Value = Expression.Parse("callback"),
            As = SayAsKind.Digits,
            After = PromptList.Empty,
            Readback = true,
            Next = model.To("bye"),
        });
        model.Hangup("bye");
        var call = new CallHarness(model.Build()).Start();
        call.FinishPrompt();

        call.Press("13900001111");
        call.RunToEnd();

        var spoken = MandarinSayAs.Render("13900001111", SayAsKind.Digits).Prompts;
        Assert.Equal(["enter_pin", .. spoken, "goodbye"], call.Heard);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.PromptPlayed, Node: "main.confirm", Detail: "digits 139*****111" });
        Assert.DoesNotContain(call.Events, e => (e.Detail ?? "").Contains("13900001111"));
    }
}
