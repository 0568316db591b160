using Ivr.Core.Lookups;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// Runs a back-end operation under the node's time limit. A lookup still running after the wait
/// threshold plays the wait prompt once. Outputs are copied into variables; the outcome picks the
/// branch, falling back to <c>error</c> for an outcome the node does not name. Keys pressed
/// meanwhile are kept for the next menu.
/// </summary>
internal sealed class LookupHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var lookup = (LookupNode)node;
        call.State.Phase = NodePhase.Working;
        call.StartTimer(FirstDeadline(lookup));
        call.StartLookup(lookup);
    }

    public void OnPlaybackFinished(CallSession call, Node node)
    {
        if (call.State.Phase == NodePhase.Thanking) LeaveByPendingOutcome(call, (LookupNode)node);
    }

    /// <summary>A key is kept for the next menu; during the thanks prompt it also cuts the prompt short.</summary>
    public void OnDigit(CallSession call, Node node, char digit)
    {
        if (call.State.Phase != NodePhase.Thanking)
        {
            call.TypeAhead(digit);
            return;
        }

        call.StopPlayback();
        call.TypeAhead(digit);
        LeaveByPendingOutcome(call, (LookupNode)node);
    }

    /// <summary>The wait threshold (play the wait prompt once), else the time limit (give up on the lookup).</summary>
    public void OnTimer(CallSession call, Node node)
    {
        var lookup = (LookupNode)node;
        if (call.State.Phase == NodePhase.Thanking) return;
        if (!call.State.WaitPromptPlayed && Elapsed(call) < lookup.TimeLimit)
        {
            call.State.WaitPromptPlayed = true;
            call.Play(lookup.WaitPrompt.Resolved, bargeIn: false);
            call.StartTimer(lookup.TimeLimit - Elapsed(call));
            return;
        }

        call.AbandonLookup();
        call.Record(CallEventKind.LookupCompleted, lookup, LookupResult.Timeout, $"{lookup.Operation} gave no answer within {lookup.TimeLimit.TotalSeconds:0.###} s");
        var taken = Has(lookup, LookupResult.Timeout) ? LookupResult.Timeout : LookupResult.Error;
        call.Leave(taken, Branch(lookup, taken));
    }

    public void OnLookupCompleted(CallSession call, Node node, LookupResult result)
    {
        var lookup = (LookupNode)node;
        var elapsed = Elapsed(call);
        call.Record(CallEventKind.LookupCompleted, lookup, result.Outcome, $"{lookup.Operation} {elapsed.TotalMilliseconds:0} ms");
        foreach (var (field, variable) in lookup.Outputs)
        {
            if (!result.Outputs.TryGetValue(field, out var value)) continue;
            call.Variables.Set(variable, value);
            call.Record(CallEventKind.VariableSet, lookup, field, $"{variable}={call.Variables.Display(variable)}");
        }

        var outcome = Has(lookup, result.Outcome) ? result.Outcome : LookupResult.Error;
        if (call.State.WaitPromptPlayed && !lookup.ThanksPrompt.IsEmpty)
        {
            call.State.Phase = NodePhase.Thanking;
            call.State.PendingOutcome = outcome;
            call.Play(lookup.ThanksPrompt.Resolved, bargeIn: true);
            return;
        }

        call.Leave(outcome, Branch(lookup, outcome));
    }

    private static void LeaveByPendingOutcome(CallSession call, LookupNode lookup) =>
        call.Leave(call.State.PendingOutcome!, Branch(lookup, call.State.PendingOutcome!));

    private static TimeSpan FirstDeadline(LookupNode lookup) =>
        !lookup.WaitPrompt.IsEmpty && lookup.WaitAfter < lookup.TimeLimit ? lookup.WaitAfter : lookup.TimeLimit;

    private static TimeSpan Elapsed(CallSession call) => call.Time.GetUtcNow() - call.State.EnteredAt;

    private static bool Has(LookupNode lookup, string outcome)
    {
        foreach (var (name, _) in lookup.On)
            if (name == outcome) return true;
        return false;
    }

    private static Target? Branch(LookupNode lookup, string outcome)
    {
        Target? error = null;
        foreach (var (name, target) in lookup.On)
        {
            if (name == outcome) return target;
            if (name == LookupResult.Error) error = target;
        }

        return error;
    }
}
