namespace Ivr.Runtime.Nodes;

/// <summary>
/// The prompt → wait → retry cycle menus and collects share: the prompt (the shorter re-prompt from
/// the second try), barge-in, the first-digit and inter-digit timeouts, the invalid and no-input
/// prompts, and the bound on tries after which the node fails. The node handler passes its own rules
/// for a key and for the inter-digit timeout.
/// </summary>
internal static class InputCycle
{
    public static void Prompt(CallSession call, InputSettings input, Action<CallSession, char> onDigit)
    {
        var state = call.State;
        state.Phase = NodePhase.Prompting;
        state.Digits.Clear();
        var prompt = state.Tries > 0 && !input.Reprompt.IsEmpty ? input.Reprompt : input.Prompt;
        call.Play(prompt.Resolved, bargeIn: true);
        while (!call.IsLeaving && state.Phase is NodePhase.Prompting or NodePhase.Collecting && call.TryTakeTypeAhead(out var digit))
        {
            KeyPressed(call);
            onDigit(call, digit);
        }
    }

    /// <summary>A key arrived: stops whatever is playing; a key during a retry prompt starts the new try.</summary>
    public static void KeyPressed(CallSession call)
    {
        call.StopPlayback();
        call.CancelTimer();
        call.State.Phase = NodePhase.Collecting;
    }

    /// <summary>After a prompt: wait for the first key, or for the next key of a partial entry.</summary>
    public static void PromptFinished(CallSession call, InputSettings input, Action<CallSession, char> onDigit)
    {
        var state = call.State;
        if (state.Phase == NodePhase.Rejecting)
        {
            Prompt(call, input, onDigit);
            return;
        }

        if (state.Digits.Length > 0)
        {
            state.Phase = NodePhase.Collecting;
            call.StartTimer(input.InterDigitTimeout);
        }
        else
        {
            state.Phase = NodePhase.Waiting;
            call.StartTimer(input.FirstDigitTimeout);
        }
    }

    /// <summary>Counts a failed try: the retry prompt, or the node's failure branch once tries run out.</summary>
    public static void Reject(CallSession call, Node node, InputSettings input, string outcome, string? detail = null)
    {
        var state = call.State;
        state.Tries++;
        state.Digits.Clear();
        call.CancelTimer();
        call.Record(CallEventKind.InputRejected, node, outcome, detail);
        if (state.Tries >= input.MaxTries)
        {
            call.Leave(Outcomes.Failed, input.OnFail);
            return;
        }

        state.Phase = NodePhase.Rejecting;
        call.Play((outcome == Outcomes.NoInput ? input.NoInput : input.Invalid).Resolved, bargeIn: true);
    }

    /// <summary>A key: stops the prompt, then goes to the node's own rule.</summary>
    public static void Digit(CallSession call, char digit, Action<CallSession, char> onDigit)
    {
        KeyPressed(call);
        onDigit(call, digit);
    }

    /// <summary>The first-digit timeout counts a no-input try; the inter-digit timeout ends the entry by the node's rule.</summary>
    public static void Timer(CallSession call, Node node, InputSettings input, Action<CallSession> onInterDigitTimeout)
    {
        switch (call.State.Phase)
        {
            case NodePhase.Waiting:
                Reject(call, node, input, Outcomes.NoInput);
                break;
            case NodePhase.Collecting:
                onInterDigitTimeout(call);
                break;
        }
    }
}
