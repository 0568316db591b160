using System.Collections.Concurrent;
using Ivr.Core.Channel;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>A stand-in for the flow engine: remembers what the channel reported, and runs an optional script on start.</summary>
public sealed class FakeCall : ICallInput
{
    public FakeCall(IncomingCall info, ICallChannel channel)
    {
        Info = info;
        Channel = channel;
    }

    public IncomingCall Info { get; }

    public ICallChannel Channel { get; }

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<RecordingResult> Recordings { get; } = new();

    public IEnumerable<char> Digits => Events.Where(e => e.StartsWith("digit:")).Select(e => e[^1]);

    public void Digit(char digit) => Events.Enqueue($"digit:{digit}");

    public void PlaybackFinished(int playbackId, bool interrupted) => Events.Enqueue($"played:{playbackId}:{(interrupted ? "interrupted" : "finished")}");

    public void RecordingFinished(RecordingResult result)
    {
        Recordings.Enqueue(result);
        Events.Enqueue($"recorded:{result.EndedBy}");
    }

    public void TransferFinished(TransferResult result) => Events.Enqueue($"transfer:{result.Succeeded}:{result.Reason}");

    public ConcurrentQueue<Ivr.Core.Fax.FaxResult> Faxes { get; } = new();

    public void FaxFinished(int requestId, Ivr.Core.Fax.FaxResult result)
    {
        Faxes.Enqueue(result);
        Events.Enqueue($"fax:{requestId}:{result.Outcome}");
    }

    public void HungUp(string cause) => Events.Enqueue($"hungup:{cause}");

    public Task<bool> WaitForAsync(string value, double seconds = 5) => Poll.UntilAsync(() => Events.Contains(value), seconds);
}
