using Ivr.Core.Calendar;
using Ivr.Core.Calls;
using Ivr.Flows.Model.Nodes;
using Ivr.Core.Privacy;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class CollectHandlerTests
{
    private const string Flow = """
        flow: main
        start: menu
        defaults:
          invalid: invalid
          no_input: no_input
          on_fail: failed
          timeout: 5s
          inter_digit_timeout: 3s
        nodes:
          menu:
            kind: menu
            prompt: menu_main
            options:
              "1": ask_id
              "2": ask_pin
              "3": ask_card
          ask_id:
            kind: collect
            prompt: enter_id
            into: id_number
            min_length: 18
            max_length: 18
            star_as: X
            validate: cn-resident-id
            secure: true
            mask: resident-id
            next: use_id
          use_id:
            kind: set
            values:
              id_copy: id_number
              id_length: len(id_number)
            next: find
          find:
            kind: lookup
            operation: person.find
            inputs:
              id: id_number
            on:
              ok: thanks
              error: thanks
          ask_pin:
            kind: collect
            prompt: enter_pin
            into: pin
            min_length: 4
            max_length: 6
            secure: true
            next: thanks
          ask_card:
            kind: collect
            prompt: enter_card
            into: card
            max_length: 12
            validate: "length:12|10"
            next: thanks
          thanks:
            kind: hangup
            prompt: thanks
          failed:
            kind: hangup
            prompt: sorry
            disposition: caller_failed
        """;

    private readonly ScriptedLookupService _backend = new();

    /// <summary>A call in the collect chosen by <paramref name="key"/>, its prompt heard to the end.</summary>
    private CallHarness InCollect(char key)
    {
        var call = new CallHarness(FlowFixture.Load(Flow), _backend).Start();
        call.FinishPrompt();
        call.Press(key.ToString());
        call.FinishPrompt();
        return call;
    }

    private static CallEvent Rejected(CallHarness call) => Assert.Single(call.EventsOf(CallEventKind.InputRejected));

    [Fact]
    public void Collect_Terminator_EndsTheEntry()
    {
        var call = InCollect('2');

        call.Press("1234#");

        Assert.Equal("1234", call.Call.Variables.Get("pin"));
        Assert.Equal("main.thanks", call.Call.Current?.Id);
        Assert.Equal("****", call.EventsOf(CallEventKind.DigitsReceived).Last().Detail);
    }

    [Fact]
    public void Collect_MaxLength_EndsAtTheLastKeyWithoutWaiting()
    {
        var call = InCollect('3');

        foreach (var key in "123456789012") call.Channel.Press(key);

        Assert.Equal("123456789012", call.Call.Variables.Get("card"));
        Assert.Equal("main.thanks", call.Call.Current?.Id);
    }

    [Fact]
    public void Collect_InterDigitTimeout_FinishesTheEntry()
    {
        var call = InCollect('3');
        foreach (var key in "1234567890") call.Channel.Press(key);

        call.Advance(2.999);
        Assert.Equal("main.ask_card", call.Call.Current?.Id);
        call.Advance(0.001);

        Assert.Equal("1234567890", call.Call.Variables.Get("card"));
        Assert.Equal("main.thanks", call.Call.Current?.Id);
    }

    [Fact]
    public void Collect_LengthValidator_RejectsALengthNotListed()
    {
        var call = InCollect('3');

        call.Press("12345678901#");

        Assert.Equal(("invalid", "12345678901: length: length must be one of 12|10"), (Rejected(call).Outcome, Rejected(call).Detail));
        Assert.Null(call.Call.Variables.Get("card"));
    }

    [Fact]
    public void Collect_StarKey_IsTypedAsX()
    {
        var id = ResidentIds.Valid("19750615", check: 'X');
        var call = InCollect('1');

        call.Press(id[..17] + "*");

        Assert.Equal(id, call.Call.Variables.Get("id_number"));
        Assert.Empty(call.EventsOf(CallEventKind.InputRejected));
    }

    [Fact]
    public void Collect_ResidentIdWithWrongCheck_IsRejectedThenRetried()
    {
        var good = ResidentIds.Valid();
        var wrong = ResidentIds.WrongCheck(good);
        var call = InCollect('1');

        call.Press(wrong);
        var rejected = Rejected(call);
        Assert.Equal("invalid", rejected.Outcome);
        Assert.Equal($"{Mask.ResidentId(wrong)}: cn-resident-id: the check character does not match", rejected.Detail);
        Assert.Null(call.Call.Variables.Get("id_number"));
        call.FinishPrompt();
        Assert.Equal(["menu_main", "enter_id", "invalid", "enter_id"], call.Heard);

        call.Press(good);

        Assert.Equal(good, call.Call.Variables.Get("id_number"));
        Assert.Equal(Mask.ResidentId(good), call.EventsOf(CallEventKind.DigitsReceived).Last().Detail);
    }

    [Fact]
    public void Collect_ShorterThanMinLength_IsInvalid()
    {
        var call = InCollect('2');

        call.Press("12#");

        Assert.Equal(("invalid", "**: length 2, expected 4..6"), (Rejected(call).Outcome, Rejected(call).Detail));
    }

    [Fact]
    public void Collect_TerminatorOnly_IsNoInput() =>
        Assert.Equal("no_input", Rejected(Pressed(InCollect('2'), "#")).Outcome);

    [Fact]
    public void Collect_StarWithoutStarAs_IsInvalid()
    {
        var call = Pressed(InCollect('2'), "12*");

        Assert.Equal(("invalid", "'*' is not accepted here"), (Rejected(call).Outcome, Rejected(call).Detail));
    }

    [Fact]
    public void Collect_NothingPressed_NoInputAfterTheFirstDigitTimeout()
    {
        var call = InCollect('2');

        call.Advance(4.999);
        Assert.Empty(call.EventsOf(CallEventKind.InputRejected));
        call.Advance(0.001);

        Assert.Equal("no_input", Rejected(call).Outcome);
        Assert.Equal("no_input", call.Heard[^1]);
    }

    [Fact]
    public void Collect_ThreeFailures_TakeOnFail()
    {
        var call = InCollect('2');

        call.Press("1#");
        call.Press("2#");
        call.Press("3#");

        Assert.Equal("main.failed", call.Call.Current?.Id);
        Assert.Equal(3, call.EventsOf(CallEventKind.InputRejected).Count());
    }

    [Fact]
    public void Collect_SecureResidentId_NeverInClearInAnyEvent()
    {
        var good = ResidentIds.Valid("19880808");
        var wrong = ResidentIds.WrongCheck(good);
        var call = InCollect('1');

        call.Press(wrong);
        call.Press(good);
        call.RunToEnd();

        Assert.Equal("person.find", Assert.Single(_backend.Calls).Operation);
        Assert.Equal(good, _backend.Calls[0].Inputs["id"]); // the back end gets it; the journey never shows it
        Assert.Equal(good, call.Call.Variables.Get("id_copy"));
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.VariableSet && e.Detail == $"id_copy={Mask.ResidentId(good)}");
        AssertNowhere(call.Events, good[..17], wrong[..17], good[6..14]);
        Assert.Equal("completed", call.Call.Disposition);
    }

    [Fact]
    public void Collect_SecurePin_NeverInClearInAnyEvent()
    {
        var call = InCollect('2');

        call.Press("975#");
        call.Press("97531#");
        call.RunToEnd();

        Assert.Equal("97531", call.Call.Variables.Get("pin"));
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.DigitsReceived && e.Detail == "*****");
        AssertNowhere(call.Events, "975", "97531");
    }

    [Theory]
    [InlineData(1, true)] // 01:00 on the 24th in Beijing: born today
    [InlineData(-1, false)] // 23:00 on the 23rd: born tomorrow
    public void Collect_ResidentIdBirthDate_CheckedAgainstTheHotlinesDate(int hourInBeijing, bool accepted)
    {
        var model = new ModelBuilder();
        model.Add(new CollectNode
        {
            Name = "ask_id",
            Flow = "main",
            Location = model.At(),
            Input = model.Input("enter_id", "bye", maxTries: 1),
            Into = "id_number",
            MinLength = 18,
            MaxLength = 18,
            Validators = [new DigitValidator("cn-resident-id")],
            Next = model.To("thanks"),
        });
        model.Hangup("thanks", "thanks");
        model.Hangup("bye", "sorry");
        var calendar = new ServiceCalendar(TimeSpan.FromHours(8), [WeeklySchedule.Always("self_service")]);
        var at = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(8)).AddHours(hourInBeijing);
        var call = new CallHarness(model.Build(calendar), at: at).Start();
        call.FinishPrompt();

        call.Press(ResidentIds.Valid("20261124"));

        Assert.Equal(accepted ? "main.thanks" : "main.bye", call.Call.Current?.Id);
    }

    private static CallHarness Pressed(CallHarness call, string keys)
    {
        call.Press(keys);
        return call;
    }

    /// <summary>No event of the whole call shows any of <paramref name="secrets"/> in any field.</summary>
    private static void AssertNowhere(IReadOnlyList<CallEvent> events, params string[] secrets)
    {
        Assert.NotEmpty(events);
        foreach (var e in events)
        foreach (var secret in secrets)
        {
            Assert.False(
                (e.Detail ?? "").Contains(secret) || (e.Outcome ?? "").Contains(secret) || (e.Node ?? "").Contains(secret),
                $"event {e.Sequence} {e.Kind} shows a secure value in clear: {e}");
        }
    }
}
