using System.Net;
using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Core.Serial;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>
/// A prompt's end reaches the flow without a closure (issue 13): the pacing thread's completion goes to the call's
/// queue through one delegate made with the call, and the playback's end is reported by a static lambda with its
/// values as state. Before, each prompt played cost two closures and their delegates there, one more in
/// <see cref="CallPlayback.Play"/> (the parameter a lambda captured), a list of prompt ids and two boxed enumerators:
/// 160 B a prompt in this test. The pacer's own cost of a prompt after silence (the stream joining a phase) is left out.
/// </summary>
public sealed class CallPlaybackAllocationTests : IDisposable
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _scheduler;
    private readonly CallPlayback _playback;
    private readonly PlaybackCount _flow = new();

    public CallPlaybackAllocationTests()
    {
        _scheduler = new PlayoutScheduler(_time);
        var call = new CallContext("call-1", new TelephonyOptions(), _time, _ => { }, SerialDispatch.Inline);
        call.Reports.Attach(_flow);
        var media = new NegotiatedMedia(G711Law.MuLaw, 0, 101, new IPEndPoint(IPAddress.Loopback, 30000), false);
        _playback = new CallPlayback(call, _scheduler, media, static _ => { });
    }

    [Fact]
    public void PromptsPlayedAndReported_NoAllocationOfTheCallsOwn()
    {
        const int prompts = 50;
        var prompt = new Prompt("tone", "1 kHz", Frame, new short[160]);
        var requests = Enumerable.Range(1, 4 * prompts).Select(id => new PlayRequest(id, [prompt], false)).ToArray();
        var next = 0;
        long Pass()
        {
            var allocated = 0L;
            for (var i = 0; i < prompts; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                _playback.Play(requests[next++]);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                Tick(); // the stream joins its pacing phase (the scheduler's own cost, not measured) and plays the one frame
                before = GC.GetAllocatedBytesForCurrentThread();
                Tick(); // the prompt completes: posted to the call, reported to the flow
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            return allocated;
        }

        Pass(); // grows the queues and dictionaries, lets the JIT finish
        var least = Math.Min(Pass(), Math.Min(Pass(), Pass()));

        Assert.Equal(4 * prompts, _flow.Finished);
        Assert.True(least < prompts * 8, $"{least} bytes for {prompts} prompts ({(double)least / prompts:0.0} per prompt)");
    }

    private void Tick()
    {
        _scheduler.Tick();
        _time.Advance(Frame);
    }

    public void Dispose()
    {
        _playback.Remove();
        _scheduler.Dispose();
    }

    private sealed class PlaybackCount : ICallInput
    {
        public int Finished { get; private set; }

        public void Digit(char digit) { }

        public void PlaybackFinished(int playbackId, bool interrupted) => Finished += interrupted ? 0 : 1;

        public void RecordingFinished(RecordingResult result) { }

        public void TransferFinished(TransferResult result) { }

        public void FaxFinished(int requestId, FaxResult result) { }

        public void HungUp(string cause) { }
    }
}
