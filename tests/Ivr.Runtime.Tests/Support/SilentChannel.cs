using Ivr.Core.Channel;

namespace Ivr.Runtime.Tests.Support;

/// <summary>A line on which nothing ever finishes: prompts play forever, nothing is recorded or transferred.</summary>
internal sealed class SilentChannel : ICallChannel
{
    private int _commands;

    public int Commands => Volatile.Read(ref _commands);

    public void Play(PlayRequest request) => Interlocked.Increment(ref _commands);

    public void StopPlayback() => Interlocked.Increment(ref _commands);

    public void StartRecording(RecordRequest request) => Interlocked.Increment(ref _commands);

    public void Transfer(TransferRequest request) => Interlocked.Increment(ref _commands);

    public void SendFax(FaxRequest request) => Interlocked.Increment(ref _commands);

    public void Hangup(string cause) => Interlocked.Increment(ref _commands);
}
