using Ivr.Core.Calls;
using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// Keeps events like <see cref="MemoryCallRecorder"/> but throws once at the <paramref name="tripAt"/>th
/// event: a safety net that stops a call spinning forever, so a test can fail instead of hanging.
/// </summary>
internal sealed class TrippingRecorder(int tripAt) : ICallRecorder
{
    private bool _tripped;

    public MemoryCallRecorder Inner { get; } = new();

    public bool Tripped => _tripped;

    public void CallStarted(CallStart start) => Inner.CallStarted(start);

    public void Append(CallEvent callEvent)
    {
        if (!_tripped && Inner.Events.Count >= tripAt)
        {
            _tripped = true;
            throw new InvalidOperationException($"the call was still running after {tripAt} events");
        }

        Inner.Append(callEvent);
    }

    public void CallEnded(string callId, DateTimeOffset at, string disposition) => Inner.CallEnded(callId, at, disposition);
}
