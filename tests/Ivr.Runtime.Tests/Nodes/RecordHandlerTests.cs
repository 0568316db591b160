using Ivr.Core.Calls;
using Ivr.Core.Channel;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class RecordHandlerTests
{
    private const string Flow = """
        flow: main
        start: message
        nodes:
          message:
            kind: record
            prompt: record_msg
            max_length: 30s
            silence: 3s
            into: recording
            next: thanks
            on_empty: sorry
          thanks:
            kind: hangup
            prompt: thanks
          sorry:
            kind: hangup
            prompt: sorry
        """;

    /// <summary>A call recording (its instructions heard to the end).</summary>
    private static CallHarness Recording()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        call.Advance(1);
        Assert.NotNull(call.Channel.Recording);
        return call;
    }

    private static CallEvent Saved(CallHarness call) => Assert.Single(call.EventsOf(CallEventKind.RecordingSaved));

    [Fact]
    public void Record_EndKey_KeepsTheRecordingAndGoesNext()
    {
        var call = Recording();
        call.Channel.Speak(TimeSpan.FromSeconds(20), "key");
        call.Advance(5);

        call.Channel.Press('#');

        Assert.Equal("main.thanks", call.Call.Current?.Id);
        Assert.Equal("rec-1.wav", call.Call.Variables.Get("recording"));
        Assert.Equal(("key", "rec-1.wav 5.0 s"), (Saved(call).Outcome, Saved(call).Detail));
        Assert.Equal(["record_msg", "beep", "thanks"], call.Heard);
    }

    [Fact]
    public void Record_AfterTheInstructions_AsksTheChannelWithTheNodesSettings()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        call.Advance(0.999);
        Assert.Null(call.Channel.Recording);

        call.Advance(0.001);

        Assert.Equal(new RecordRequest(Beep: true, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3), '#'), call.Channel.Recording);
    }

    [Fact]
    public void Record_Silence_NothingSaidTakesOnEmpty()
    {
        var call = Recording();

        call.Advance(3);

        Assert.Equal("main.sorry", call.Call.Current?.Id);
        Assert.Equal("", call.Call.Variables.Get("recording"));
        Assert.Equal("silence", Saved(call).Outcome);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.message", Outcome: "empty" });
    }

    [Fact]
    public void Record_SpeechThenSilence_EndsAfterTheSilence()
    {
        var call = Recording();

        call.Channel.Speak(TimeSpan.FromSeconds(6), "silence");
        call.Advance(8.999);
        Assert.Equal("main.message", call.Call.Current?.Id);
        call.Advance(0.001);

        Assert.Equal("main.thanks", call.Call.Current?.Id);
        Assert.Equal("silence", Saved(call).Outcome);
        Assert.Equal("rec-1.wav", call.Call.Variables.Get("recording"));
    }

    [Fact]
    public void Record_TooLong_StopsAtTheMaximumLength()
    {
        var call = Recording();

        call.Channel.Speak(TimeSpan.FromSeconds(90), "key");
        call.Advance(30);

        Assert.Equal("main.thanks", call.Call.Current?.Id);
        Assert.Equal(("max_length", "rec-1.wav 30.0 s"), (Saved(call).Outcome, Saved(call).Detail));
    }

    [Fact]
    public void Record_EndKeyAtOnce_NothingRecordedTakesOnEmpty()
    {
        var call = Recording();

        call.Channel.Press('#');

        Assert.Equal("main.sorry", call.Call.Current?.Id);
        Assert.Equal("key", Saved(call).Outcome);
    }

    [Fact]
    public void Record_KeyDuringTheInstructions_DoesNotCutThem()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        call.Advance(0.5);

        call.Channel.Press('1');
        call.Advance(0.5);

        Assert.NotNull(call.Channel.Recording);
        Assert.Empty(call.EventsOf(CallEventKind.PlaybackInterrupted));
    }

    [Fact]
    public void Play_TheCallersRecording_ListensBackForItsLength()
    {
        var model = new ModelBuilder();
        model.Add(new RecordNode { Name = "message", Flow = "main", Location = model.At(), Prompt = ModelBuilder.Prompts("record_msg"), Into = "message", Next = model.To("listen") });
        model.Add(new PlayNode { Name = "listen", Flow = "main", Location = model.At(), Prompts = ModelBuilder.Prompts("back_msg"), Recording = "message", Next = model.To("bye") });
        model.Hangup("bye");
        var call = new CallHarness(model.Build()).Start();
        call.Advance(1);
        call.Channel.Speak(TimeSpan.FromSeconds(20), "key");
        call.Advance(4);

        call.Channel.Press('#');

        Assert.Equal("4", call.Call.Variables.Get("message_seconds"));
        call.Advance(1 + 3.999); // back_msg, then most of the recording
        Assert.Equal("main.listen", call.Call.Current?.Id);
        call.Advance(0.001);
        Assert.Equal("main.bye", call.Call.Current?.Id);
        Assert.Equal(["record_msg", "beep", "back_msg", "recording", "goodbye"], call.Heard);
    }
}
