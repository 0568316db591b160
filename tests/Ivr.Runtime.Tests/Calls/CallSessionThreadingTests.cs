using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

public sealed class CallSessionThreadingTests
{
    private const int Threads = 8;
    private const int KeysEach = 5;

    private const string Flow = """
        flow: main
        start: ask
        nodes:
          ask:
            kind: collect
            prompt: enter_card
            into: keys
            min_length: 40
            max_length: 40
            terminator: null
            timeout: 60s
            inter_digit_timeout: 60s
            on_fail: bye
            next: bye
          bye:
            kind: hangup
            prompt: goodbye
        """;

    [Fact]
    public async Task Digit_FromParallelThreads_HandledOneAtATime()
    {
        var set = FlowFixture.Load(Flow);
        for (var round = 0; round < 10; round++)
        {
            var recorder = new ExclusiveRecorder();
            var call = new CallSession(new CallIdentity($"threads-{round}", CallHarness.CallerNumber, "12333"), set, set.FlowFor("12333")!,
                new CallServices(TimeProvider.System, UnknownOperationLookupService.Instance, recorder), new SilentChannel());
            call.Start();
            using var go = new ManualResetEventSlim();

            var presses = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
            {
                go.Wait();
                for (var i = 0; i < KeysEach; i++) call.Digit((char)('0' + t));
            })).ToArray();
            go.Set();
            await Task.WhenAll(presses).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, recorder.Overlaps);
            var keys = call.Variables.Get("keys");
            Assert.NotNull(keys);
            Assert.All(Enumerable.Range(0, Threads), t => Assert.Equal(KeysEach, keys.Count(c => c == '0' + t)));
            Assert.Equal("main.bye", call.Current?.Id);
            call.HungUp("caller");
            Assert.True(call.HasEnded);
            var events = recorder.Events;
            Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Sequence));
            Assert.Equal(CallEventKind.CallEnded, events[^1].Kind);
        }
    }
}
