using Ivr.Core.Calls;
using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Allocation;

/// <summary>
/// What the flow itself allocates when a caller presses 1 in the real 12333 main menu (issue 13: the key of
/// <c>tools/bench/sip-load</c>'s held calls): the key is taken, the menu left, the pension and identify subflows entered
/// and the ID prompt played — six call events (80 B each), the prompt's request, the subflows' return stack and what the
/// simulated channel keeps for the test. Before session 17 the menu choice also made its <c>call.path</c> step as a string
/// of its own (816 B a key in this test, 768 after).
/// </summary>
public sealed class MainMenuKeyAllocationTests
{
    private const int Calls = 40;

    [Fact]
    public void KeyOneInTheMainMenu_AllocatesItsEventsAndLittleElse()
    {
        var set = RealFlows();
        var recorder = new CountingRecorder();
        var calls = Enumerable.Range(0, Calls).Select(_ => new CallHarness(set, recorder: recorder).Start()).ToArray();
        foreach (var call in calls)
        {
            call.RunUntilIn("main_menu");
            call.FinishPrompt();
        }

        for (var i = 0; i < 5; i++) calls[i].Channel.Press('1'); // lets the JIT finish the path
        var events = recorder.Events;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 5; i < Calls; i++) calls[i].Channel.Press('1');
        var perKey = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / (Calls - 5);
        var eventsPerKey = (double)(recorder.Events - events) / (Calls - 5);

        Assert.All(calls, call => Assert.Equal("identify.get_id", call.Call.Current?.Id));
        Assert.Equal(6, eventsPerKey);
        Assert.True(perKey <= 6 * 80 + 320, $"{perKey:0} B a key ({eventsPerKey} events of 80 B)");
    }

    private static FlowSet RealFlows()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Ivr.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("no Ivr.sln above the tests");
        var loaded = FlowSetLoader.Load(Path.Combine(root, "flows"), Path.Combine(root, "prompts", "zh-CN"));
        Assert.True(loaded.Set is not null, string.Join("\n", loaded.Diagnostics));
        return loaded.Set!;
    }

    /// <summary>Counts the events and keeps none (the recorder's own cost is measured in Ivr.Data.Tests).</summary>
    private sealed class CountingRecorder : ICallRecorder
    {
        public int Events { get; private set; }

        public void CallStarted(CallStart start) { }

        public void Append(CallEvent callEvent) => Events++;

        public void CallEnded(string callId, DateTimeOffset at, string disposition) { }
    }
}
