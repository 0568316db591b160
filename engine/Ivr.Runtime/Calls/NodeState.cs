using System.Text;

namespace Ivr.Runtime.Calls;

/// <summary>The state of the node a call is in; reset on every entry and reused, so entering allocates nothing.</summary>
internal sealed class NodeState
{
    public NodePhase Phase;
    public int Tries;
    public bool WaitPromptPlayed;
    public string? PendingOutcome;
    public DateTimeOffset EnteredAt;
    public readonly StringBuilder Digits = new(32);

    public void Reset(DateTimeOffset now)
    {
        Phase = NodePhase.None;
        Tries = 0;
        WaitPromptPlayed = false;
        PendingOutcome = null;
        EnteredAt = now;
        Digits.Clear();
    }
}
