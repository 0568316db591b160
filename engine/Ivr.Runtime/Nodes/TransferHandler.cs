using Ivr.Core.Channel;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// Hands the call to a queue with its context. Success ends the call in the IVR (disposition
/// <c>transferred</c>); any failure sets <c>transfer_failure</c> to the reason and takes the failure branch.
/// A secure value is never passed in clear, whatever the flow says.
/// </summary>
internal sealed class TransferHandler : INodeHandler
{
    public void Enter(CallSession call, Node node) =>
        PlaybackInput.Instructions(call, ((TransferNode)node).Prompt);

    public void OnPlaybackFinished(CallSession call, Node node)
    {
        if (call.State.Phase != NodePhase.Prompting) return;
        var transfer = (TransferNode)node;
        call.State.Phase = NodePhase.Transferring;
        var context = new Dictionary<string, string>(transfer.Context.Count, StringComparer.Ordinal);
        foreach (var (name, expression) in transfer.Context)
        {
            var value = expression.Evaluate(call.Variables).AsText() ?? "";
            context[name] = call.Variables.SecureStyleOf(expression) is { } style ? CallVariables.Masked(value, style) : value;
        }

        call.Record(CallEventKind.TransferRequested, node, null, transfer.Queue);
        call.Channel.Transfer(new TransferRequest(transfer.Queue, context) { Target = transfer.To?.Evaluate(call.Variables).AsText() });
    }

    public void OnTransferFinished(CallSession call, Node node, TransferResult result)
    {
        var transfer = (TransferNode)node;
        call.Record(CallEventKind.TransferCompleted, node, result.Reason, transfer.Queue);
        if (result.Succeeded)
        {
            call.Record(CallEventKind.NodeLeft, node, Outcomes.Transferred);
            call.End(Outcomes.Transferred, hangUpChannel: false);
            return;
        }

        call.Variables.Set("transfer_failure", result.Reason);
        call.Leave(Outcomes.Failed, transfer.OnFailure);
    }
}
