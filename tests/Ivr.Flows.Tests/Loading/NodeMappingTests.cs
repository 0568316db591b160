using Ivr.Core.Speech;
using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Loading;

/// <summary>Every YAML field lands on the model as documented in flows/README.md (checked on the example set).</summary>
public class NodeMappingTests
{
    private static readonly FlowSet Set = FlowSetLoader.Load(RepoPaths.Examples, RepoPaths.ExamplePrompts, RepoPaths.ExampleOperations).Set!;

    private static T Node<T>(string flow, string name) where T : Node => Assert.IsType<T>(Set.Flows[flow].Nodes[name]);

    [Fact]
    public void Load_Flow_MapsHeaderFields()
    {
        var main = Set.Flows["main"];

        Assert.Equal("Example 12333 main menu", main.Description);
        Assert.Equal("main.yaml", main.Path);
        Assert.Equal("welcome", main.Start.Text);
        Assert.Same(main.Nodes["welcome"], main.Start.Node);
        Assert.Equal("false", main.Variables["announcement_on"]);
        Assert.Equal(["welcome", "check_announcement", "announcement", "main_menu"], main.Nodes.Keys.Take(4));
    }

    [Fact]
    public void Load_Play_MapsPromptsBargeInAndNext()
    {
        var play = Node<PlayNode>("main", "welcome");

        Assert.Equal(["welcome"], play.Prompts.Ids);
        Assert.Equal("welcome", Assert.Single(play.Prompts.Resolved).Id);
        Assert.False(play.BargeIn);
        Assert.Equal("check_announcement", play.Next.Node!.Name);
        Assert.Equal(new(Path.Combine(RepoPaths.Examples, "main.yaml"), 19, 3), play.Location);
    }

    [Fact]
    public void Load_Menu_InheritsDefaultsAndMapsOptions()
    {
        var menu = Node<MenuNode>("main", "main_menu");

        Assert.Equal(["1", "6", "0"], menu.Options.Select(o => o.Key));
        Assert.Equal("pension.start", menu.Options[0].Value.Node!.Id);
        Assert.Equal(["main_menu_short"], menu.Input.Reprompt.Ids);
        Assert.Equal(["invalid_key"], menu.Input.Invalid.Ids);
        Assert.Equal(["no_input"], menu.Input.NoInput.Ids);
        Assert.Equal(TimeSpan.FromSeconds(5), menu.Input.FirstDigitTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), menu.Input.InterDigitTimeout);
        Assert.Equal(3, menu.Input.MaxTries);
        Assert.Equal("main.goodbye", menu.Input.OnFail.Node!.Id);
        Assert.Equal('*', menu.BackKey);
        Assert.Equal('#', menu.RepeatKey);
        Assert.Null(menu.Back);
    }

    [Fact]
    public void Load_Menu_NodeFieldsOverrideDefaults()
    {
        var menu = Node<MenuNode>("pension", "anything_else");

        Assert.Equal(2, menu.Input.MaxTries);
        Assert.Null(menu.BackKey);
        Assert.Equal('#', menu.RepeatKey);
        Assert.Equal("main.goodbye", menu.Input.OnFail.Node!.Id);
        Assert.True(menu.Input.Reprompt.IsEmpty);
    }

    [Fact]
    public void Load_Collect_MapsEveryField()
    {
        var collect = Node<CollectNode>("authentication", "get_id");

        Assert.Equal(["enter_id"], collect.Input.Prompt.Ids);
        Assert.Equal("id_number", collect.Into);
        Assert.Equal(18, collect.MinLength);
        Assert.Equal(18, collect.MaxLength);
        Assert.Equal('#', collect.Terminator);
        Assert.Equal('X', collect.StarAs);
        Assert.Equal([new DigitValidator("cn-resident-id")], collect.Validators);
        Assert.True(collect.Secure);
        Assert.Equal(MaskStyle.ResidentId, collect.Mask);
        Assert.Equal("get_pin", collect.Next.Node!.Name);
        Assert.Equal("authentication.failed", collect.Input.OnFail.Node!.Id);
        Assert.Equal([new DigitValidator("regex", "^[0-9]{6}$")], Node<CollectNode>("authentication", "get_pin").Validators);
        Assert.Equal(MaskStyle.Secret, Node<CollectNode>("authentication", "get_pin").Mask);
    }

    [Fact]
    public void Load_SayLookupSetBranch_MapExpressionsAndOutcomes()
    {
        var say = Node<SayNode>("pension", "say_amount");
        var lookup = Node<LookupNode>("pension", "fetch");
        var count = Node<SetNode>("authentication", "count");
        var branch = Node<BranchNode>("authentication", "too_many");

        Assert.Equal(SayAsKind.Amount, say.As);
        Assert.Equal(["monthly_amount"], say.Value.Variables);
        Assert.Equal(["your_pension_is"], say.Before.Ids);
        Assert.True(say.After.IsEmpty);
        Assert.Equal("pension.summary", lookup.Operation);
        Assert.Equal("id_number", Assert.Single(lookup.Inputs).Value.Source);
        Assert.Equal([new("monthly_amount", "monthly_amount"), new("paid_on", "paid_on")], lookup.Outputs);
        Assert.Equal(TimeSpan.FromSeconds(40), lookup.TimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), lookup.WaitAfter);
        Assert.Equal(["please_wait"], lookup.WaitPrompt.Ids);
        Assert.Equal(["ok", "not_found", "error", "timeout"], lookup.On.Select(o => o.Key));
        Assert.Equal("auth_tries + 1", Assert.Single(count.Values).Value.Source);
        Assert.Equal("auth_tries >= 3", Assert.Single(branch.Cases).When.Source);
        Assert.Equal("failed", branch.Cases[0].Then.Node!.Name);
        Assert.Equal("wrong_pin", branch.Else.Node!.Name);
    }

    [Fact]
    public void Load_HoursRecordTransferSubflowReturnGotoHangup_MapFields()
    {
        var hours = Node<HoursNode>("main", "hours_check");
        var record = Node<RecordNode>("main", "leave_message");
        var transfer = Node<TransferNode>("main", "agent");
        var subflow = Node<SubflowNode>("pension", "start");
        var hangup = Node<HangupNode>("main", "goodbye");

        Assert.Equal("agents", hours.Schedule);
        Assert.Equal("after_hours", hours.Holiday!.Node!.Name);
        Assert.Equal(TimeSpan.FromSeconds(60), record.MaxLength);
        Assert.Equal(TimeSpan.FromSeconds(5), record.Silence);
        Assert.Equal('#', record.EndKey);
        Assert.Equal("recording", record.Into);
        Assert.Equal("goodbye", record.OnEmpty!.Node!.Name);
        Assert.Equal("general", transfer.Queue);
        Assert.Equal(["reason", "path"], transfer.Context.Select(c => c.Key));
        Assert.Equal("transfer_failed", transfer.OnFailure.Node!.Name);
        Assert.Equal("authentication", subflow.Callee);
        Assert.Equal("main.goodbye", Assert.Single(subflow.On).Value.Node!.Id);
        Assert.Equal("failed", Node<ReturnNode>("authentication", "failed").Outcome);
        Assert.Equal("main.main_menu", Node<GotoNode>("pension", "back_to_menu").Target.Node!.Id);
        Assert.Equal(TimeSpan.FromSeconds(2), hangup.Linger);
        Assert.Equal("completed", hangup.Disposition);
    }

    [Fact]
    public void Load_OmittedOptionalFields_TakeModelDefaults()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: collect, prompt: enter_id, into: entered, on_fail: bye, next: msg }
              msg: { kind: record, into: rec, next: bye }
              bye: { kind: hangup }
            """);

        var set = folder.Load().Set!;
        var collect = Assert.IsType<CollectNode>(set.Flows["main"].Nodes["ask"]);
        var record = Assert.IsType<RecordNode>(set.Flows["main"].Nodes["msg"]);
        var hangup = Assert.IsType<HangupNode>(set.Flows["main"].Nodes["bye"]);

        Assert.Equal((1, 32, '#', (char?)null, false, MaskStyle.Secret), (collect.MinLength, collect.MaxLength, collect.Terminator, collect.StarAs, collect.Secure, collect.Mask));
        Assert.Equal((3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3)), (collect.Input.MaxTries, collect.Input.FirstDigitTimeout, collect.Input.InterDigitTimeout));
        Assert.Empty(collect.Validators);
        Assert.True(record.Beep);
        Assert.Null(record.OnEmpty);
        Assert.True(record.Prompt.IsEmpty);
        Assert.Equal((TimeSpan.FromSeconds(2), "completed"), (hangup.Linger, hangup.Disposition));
    }

    [Fact]
    public void Load_NullTerminatorAndPromptList_AreOffAndEmpty()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: collect, prompt: [enter_id, wait], into: entered, terminator: null, on_fail: bye, next: bye }
              bye: { kind: hangup, prompt: [] }
            """);

        var set = folder.Load().Set!;
        var collect = Assert.IsType<CollectNode>(set.Flows["main"].Nodes["ask"]);

        Assert.Null(collect.Terminator);
        Assert.Equal(["enter_id", "wait"], collect.Input.Prompt.Resolved.Select(p => p.Id));
        Assert.True(Assert.IsType<HangupNode>(set.Flows["main"].Nodes["bye"]).Prompt.IsEmpty);
    }
}
