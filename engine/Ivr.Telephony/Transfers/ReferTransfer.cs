using Ivr.Core.Channel;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// A channel's transfers to agents by REFER (RFC 3515): finds the queue's URI, sends the REFER with the context as
/// X-Ivr-* headers, and reports the outcome; <c>not_supported</c> when no targets are configured, <c>no_queue</c>
/// for an unknown queue, <c>in_progress</c> while another transfer runs. After success the IVR leg is ended
/// (<paramref name="onSucceeded"/>: BYE, as a transferor does, RFC 5589 §6). When the call ends first nothing is
/// reported here: the SIP side reports the hang-up.
/// </summary>
internal sealed class ReferTransfer(
    string callId, TransferTargets? targets, Func<SipUri, IReadOnlyList<SipHeader>, TimeSpan, Task<SipReferOutcome>> refer,
    Action<TransferResult> report, Action onSucceeded, Action<string> log)
{
    private int _running;

    public void Start(TransferRequest request)
    {
        if (targets is null)
        {
            log($"call {callId}: transfer to queue '{request.Queue}' requested; no transfer targets are configured");
            report(new TransferResult(false, "not_supported"));
            return;
        }

        if (targets.Find(request.Queue) is not { } target)
        {
            log($"call {callId}: transfer to queue '{request.Queue}' requested; no such queue is configured");
            report(new TransferResult(false, "no_queue"));
            return;
        }

        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            report(new TransferResult(false, "in_progress"));
            return;
        }

        log($"call {callId}: transferring to queue '{request.Queue}' ({target}) by REFER");
        Task<SipReferOutcome> referred;
        try
        {
            referred = refer(target, TransferHeaders.For(request.Queue, request.Context), targets.NotifyTimeout);
        }
        catch (Exception ex)
        {
            referred = Task.FromException<SipReferOutcome>(ex);
        }

        _ = FinishAsync(request.Queue, referred);
    }

    private async Task FinishAsync(string queue, Task<SipReferOutcome> referred)
    {
        SipReferOutcome outcome;
        try
        {
            outcome = await referred.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log($"call {callId}: transfer failed: {ex.GetType().Name}: {ex.Message}");
            outcome = SipReferOutcome.Failed("rejected");
        }

        Volatile.Write(ref _running, 0);
        var status = outcome.StatusCode > 0 ? $" ({outcome.StatusCode})" : "";
        log($"call {callId}: transfer to queue '{queue}' {(outcome.Succeeded ? "succeeded" : "failed")}: {outcome.Reason}{status}");
        if (outcome.Reason == "call_ended") return;
        report(new TransferResult(outcome.Succeeded, outcome.Reason));
        if (outcome.Succeeded) onSucceeded();
    }
}
