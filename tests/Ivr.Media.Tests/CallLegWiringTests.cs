using System.Collections.Concurrent;
using System.Net;
using Ivr.Media.Codecs;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Media.Recording;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests;

/// <summary>
/// The pieces wired as a call leg does it, over real loopback UDP: our scheduler plays a prompt that
/// holds a DTMF tone out of one endpoint; the other endpoint's inbound media detects the key in-band
/// and records the audio.
/// </summary>
public class CallLegWiringTests
{
    [Fact]
    public async Task PromptWithTone_OverUdp_DetectedAndRecordedOnTheOtherSide()
    {
        var time = new FakeTimeProvider();
        using var ours = new RtpEndpoint(new IPEndPoint(IPAddress.Loopback, 0));
        using var theirs = new RtpEndpoint(new IPEndPoint(IPAddress.Loopback, 0));
        ours.SetRemote(theirs.LocalEndPoint);

        var keys = new BlockingCollection<DtmfKeyPress>();
        var recorded = new TaskCompletionSource<RecordingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inbound = new InboundMedia(G711Law.ALaw, telephoneEventPayloadType: null, keys.Add)
        {
            Recorder = new Recorder(new RecorderOptions { MaxLength = TimeSpan.FromMilliseconds(600) }, r => recorded.TrySetResult(r)),
        };
        using var cts = new CancellationTokenSource();
        var receiving = theirs.ReceiveAsync(inbound.Receive, cts.Token);

        using var scheduler = new PlayoutScheduler(time);
        var completions = new List<PromptCompletion>();
        var stream = scheduler.AddStream(G711Law.ALaw, new RtpSender(8, time), p => ours.Send(p), completions.Add);
        var prompt = Signal.ToPcm(Signal.Concat(Signal.Silence(200), Signal.Dtmf('#', 100), Signal.Silence(300)));
        stream.Enqueue(prompt);
        for (var i = 0; i < 32; i++)
        {
            scheduler.Tick();
            time.Advance(PlayoutScheduler.FrameInterval);
            await Task.Delay(1); // let the receiver keep up; UDP on loopback does not reorder
        }

        Assert.True(keys.TryTake(out var key, TimeSpan.FromSeconds(10)), "no key detected");
        Assert.Equal(new DtmfKeyPress('#', DtmfSource.InBand), key);
        var result = await recorded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RecordingEndReason.MaxLength, result.Reason);
        Assert.Equal([PlayoutEndReason.Finished], completions.Select(c => c.Reason));
        Assert.Equal(30, stream.PacketsSent);
        cts.Cancel();
        await receiving.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(keys);
        Assert.Equal(0, theirs.Latch.StrangerPacketsDropped);
    }
}
