using Ivr.Core.Calls;
using Ivr.Core.Channel;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Calls;

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

    public void OnInput(CallSession call, Node node, SessionInput input)
    {
        var transfer = (TransferNode)node;
        switch (input.Kind)
        {
            case SessionInputKind.PlaybackFinished when call.State.Phase == NodePhase.Prompting:
                call.State.Phase = NodePhase.Transferring;
                var context = new Dictionary<string, string>(transfer.Context.Count, StringComparer.Ordinal);
                foreach (var (name, expression) in transfer.Context)
                {
                    var value = expression.Evaluate(call.Variables).AsText() ?? "";
                    context[name] = call.Variables.SecureStyleOf(expression) is { } style ? CallVariables.Masked(value, style) : value;
                }

                call.Record(CallEventKind.TransferRequested, node, null, transfer.Queue);
                call.Channel.Transfer(new TransferRequest(transfer.Queue, context));
                break;
            case SessionInputKind.TransferFinished:
                var result = (TransferResult)input.Payload!;
                call.Record(CallEventKind.TransferCompleted, node, result.Reason, transfer.Queue);
                if (result.Succeeded)
                {
                    call.Record(CallEventKind.NodeLeft, node, Outcomes.Transferred);
                    call.End(Outcomes.Transferred, hangUpChannel: false);
                    return;
                }

                call.Variables.Set("transfer_failure", result.Reason);
                call.Leave(Outcomes.Failed, transfer.OnFailure);
                break;
        }
    }
}
