using System.Text.Json;
using Ivr.Core.Fax;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// Sends a catalog document on the caller's own line (即时传真) and waits for the channel's report.
/// Every page confirmed takes <c>sent</c>; the line unable to fax at all takes <c>unavailable</c>
/// (or <c>failed</c> when the node has no such branch); anything else, and a document the catalog
/// does not hold, takes <c>failed</c>. The events keep the document, pages and result code. Keys
/// pressed while the line carries fax tones are not the caller's choices and are dropped.
/// </summary>
internal sealed class FaxHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var fax = (FaxNode)node;
        var id = fax.Document.Evaluate(call.Variables).AsText() ?? "";
        if (call.Set.FaxDocuments.Find(id) is not { } document)
        {
            call.Record(CallEventKind.FaxFinished, fax, Outcomes.Failed, $"document '{id}' is not in the fax catalog; nothing sent");
            call.Leave(Outcomes.Failed, fax.Failed);
            return;
        }

        call.State.Phase = NodePhase.Working;
        call.SendFax(document);
    }

    public void OnFaxFinished(CallSession call, Node node, FaxResult result)
    {
        if (call.State.Phase != NodePhase.Working) return;
        var fax = (FaxNode)node;
        var document = fax.Document.Evaluate(call.Variables).AsText();
        call.Record(CallEventKind.FaxFinished, fax, OutcomeName(result.Outcome),
            $"document {document}: {result.PagesSent}/{result.PagesTotal} pages, result code {result.ResultCode}{(result.Detail.Length > 0 ? $" ({result.Detail})" : "")}");
        switch (result.Outcome)
        {
            case FaxOutcome.Sent:
                call.Leave(Outcomes.Sent, fax.Sent);
                break;
            case FaxOutcome.Unavailable when fax.Unavailable is not null:
                call.Leave(Outcomes.Unavailable, fax.Unavailable);
                break;
            default:
                call.Leave(Outcomes.Failed, fax.Failed);
                break;
        }
    }

    /// <summary>The outcome as events and replay scripts write it: sent, partially_sent, busy, no_answer, failed, unavailable.</summary>
    public static string OutcomeName(FaxOutcome outcome) => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());
}
