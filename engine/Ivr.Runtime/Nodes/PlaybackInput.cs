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

    /// <summary>The prompt played through: on to the next node.</summary>
    public static void Finished(CallSession call, Target next) => call.Leave(Outcomes.Next, next);

    /// <summary>With barge-in, a key stops the prompt and is kept for the next menu; without, it is dropped.</summary>
    public static void Digit(CallSession call, char digit, bool bargeIn, Target next)
    {
        if (!bargeIn) return;
        call.StopPlayback();
        call.TypeAhead(digit);
        call.Leave(Outcomes.Next, next);
    }
}
