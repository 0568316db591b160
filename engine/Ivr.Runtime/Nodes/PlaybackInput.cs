using Ivr.Flows.Model;
using Ivr.Runtime.Calls;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// How nodes that speak behave: play and say move on when done, and with barge-in a key stops the
/// prompt (or skips it when the caller already pressed one) and is kept for the next menu; record,
/// transfer and hangup first play their instructions through, uninterrupted.
/// </summary>
internal static class PlaybackInput
{
    /// <summary>True (and the node left) when a key is already waiting and the prompt may be barged: no point starting it.</summary>
    public static bool SkippedForTypeAhead(CallSession call, bool bargeIn, Target next)
    {
        if (!bargeIn || !call.HasTypeAhead) return false;
        call.Leave(Outcomes.Next, next);
        return true;
    }

    /// <summary>Plays a node's instructions without barge-in; the node acts when they finish.</summary>
    public static void Instructions(CallSession call, PromptList prompt)
    {
        call.State.Phase = NodePhase.Prompting;
        call.Play(prompt.Resolved, bargeIn: false);
    }

    public static void Handle(CallSession call, SessionInput input, bool bargeIn, Target next)
    {
        switch (input.Kind)
        {
            case SessionInputKind.PlaybackFinished:
                call.Leave(Outcomes.Next, next);
                break;
            case SessionInputKind.Digit when bargeIn:
                call.StopPlayback();
                call.TypeAhead(input.Digit);
                call.Leave(Outcomes.Next, next);
                break;
        }
    }
}
