using Ivr.Core.Channel;
using Ivr.Core.Handoffs;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// A channel's transfers to agents: finds the queue's URI, sends the REFER (RFC 3515) with the context as X-Ivr-*
/// headers — on the REFER and as URI headers of its Refer-To (<see cref="ReferToContext"/>), which the transferee
/// copies into its INVITE to the agents — plus a one-time context token (<c>X-Ivr-Context</c>, when
/// <paramref name="handoffs"/> is given; a token that cannot be stored within <see cref="TokenTimeLimit"/> is left
/// out, the transfer goes on), and reports the outcome; <c>not_supported</c> when no targets are configured, <c>no_queue</c> for an
/// unknown queue, <c>in_progress</c> while another transfer runs. After success the IVR leg is ended
/// (<paramref name="onSucceeded"/>: BYE, as a transferor does, RFC 5589 §6). When <paramref name="bridge"/> is given
/// (a dialer is configured) and the queue's <see cref="BridgeMode"/> allows it, a REFER the caller's side refuses
/// (405/501, or 403/489 to the REFER itself) is retried by bridging (B2BUA), and <see cref="BridgeMode.Always"/>
/// bridges without REFER; the bridge reports <c>bridged</c> or the dial's failure. When the call ends first
/// nothing is reported here: the SIP side reports the hang-up.
/// </summary>
internal sealed class ReferTransfer(
    string callId, TransferTargets? targets, Func<SipUri, IReadOnlyList<SipHeader>, TimeSpan, Task<SipReferOutcome>> refer,
    Action<TransferResult> report, Action onSucceeded, Action<string> log,
    Func<SipUri, IReadOnlyList<SipHeader>, TimeSpan, Task<TransferResult?>>? bridge = null,
    IHandoffTokens? handoffs = null)
{
    /// <summary>How long a transfer waits for its context token to be stored.</summary>
    public static readonly TimeSpan TokenTimeLimit = TimeSpan.FromSeconds(2);

    private int _running;

    public void Start(TransferRequest request)
    {
        if (targets is null)
        {
            log($"call {callId}: transfer to queue '{request.Queue}' requested; no transfer targets are configured");
            report(new TransferResult(false, TransferReasons.Of(SipReferResult.NotSupported)));
            return;
        }

        if (request.Target is not null && targets.TrustedTarget(request.Target) is null)
        {
            log($"call {callId}: transfer to '{request.Target}' requested; not a SIP URI on a trusted PBX host (trusted_pbx)");
            report(new TransferResult(false, TransferReasons.Untrusted));
            return;
        }

        if ((request.Target is null ? targets.Find(request.Queue) : targets.TrustedTarget(request.Target)) is not { } target)
        {
            log($"call {callId}: transfer to queue '{request.Queue}' requested; no such queue is configured");
            report(new TransferResult(false, TransferReasons.NoQueue));
            return;
        }

        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            report(new TransferResult(false, TransferReasons.Of(SipReferResult.InProgress)));
            return;
        }

        _ = TransferAsync(request, target);
    }

    private async Task TransferAsync(TransferRequest request, SipUri target)
    {
        var headers = TransferHeaders.For(request.Queue, request.Context);
        if (await IssueTokenAsync(request).ConfigureAwait(false) is { } token)
        {
            headers = [.. headers, new SipHeader(ReferToContext.TokenHeader, token)];
        }

        var mode = targets!.BridgeModeOf(request.Queue);
        if (mode == BridgeMode.Always && bridge is not null)
        {
            await BridgeAsync(request.Queue, target, headers).ConfigureAwait(false);
            return;
        }

        log($"call {callId}: transferring to queue '{request.Queue}' ({target}) by REFER");
        Task<SipReferOutcome> referred;
        try
        {
            referred = refer(ReferToContext.Of(target, headers), headers, targets.NotifyTimeout);
        }
        catch (Exception ex)
        {
            referred = Task.FromException<SipReferOutcome>(ex);
        }

        await FinishAsync(request.Queue, target, headers, mode, referred).ConfigureAwait(false);
    }

    private async Task<string?> IssueTokenAsync(TransferRequest request)
    {
        if (handoffs is null) return null;
        try
        {
            var values = new Dictionary<string, string>(request.Context) { ["queue"] = request.Queue };
            using var limit = new CancellationTokenSource(TokenTimeLimit);
            return await handoffs.IssueAsync(new Handoff(HandoffKinds.TransferContext, callId, null, values), limit.Token)
                .WaitAsync(TokenTimeLimit).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log($"call {callId}: transfer context token not stored ({ex.GetType().Name}: {ex.Message}); transferring without it");
            return null;
        }
    }

    /// <summary>The caller's side refused the REFER itself: it cannot or will not transfer (RFC 3515 §2.4.2).</summary>
    private static bool ReferRefusedByPeer(SipReferOutcome outcome) =>
        outcome.ReferRefused && (outcome.Result == SipReferResult.NotSupported || outcome.StatusCode is 403 or 489);

    private async Task FinishAsync(string queue, SipUri target, IReadOnlyList<SipHeader> headers, BridgeMode mode, Task<SipReferOutcome> referred)
    {
        SipReferOutcome outcome;
        try
        {
            outcome = await referred.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log($"call {callId}: transfer failed: {ex.GetType().Name}: {ex.Message}");
            outcome = new SipReferOutcome(SipReferResult.Rejected);
        }

        var reason = TransferReasons.Of(outcome.Result);
        var status = outcome.StatusCode > 0 ? $" ({outcome.StatusCode})" : "";
        log($"call {callId}: transfer to queue '{queue}' {(outcome.Succeeded ? "succeeded" : "failed")}: {reason}{status}");
        if (!outcome.Succeeded && bridge is not null && mode == BridgeMode.Fallback && ReferRefusedByPeer(outcome))
        {
            await BridgeAsync(queue, target, headers).ConfigureAwait(false);
            return;
        }

        Volatile.Write(ref _running, 0);
        if (outcome.Result == SipReferResult.CallEnded) return;
        report(new TransferResult(outcome.Succeeded, reason));
        if (outcome.Succeeded) onSucceeded();
    }

    private async Task BridgeAsync(string queue, SipUri target, IReadOnlyList<SipHeader> headers)
    {
        log($"call {callId}: transferring to queue '{queue}' ({target}) by bridging");
        TransferResult? result;
        try
        {
            result = await bridge!(target, headers, targets!.BridgeRingTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log($"call {callId}: bridging failed: {ex.GetType().Name}: {ex.Message}");
            result = new TransferResult(false, TransferReasons.Of(SipReferResult.Rejected));
        }

        Volatile.Write(ref _running, 0);
        if (result is null) return; // the caller hung up meanwhile: the SIP side reports it
        log($"call {callId}: bridged transfer to queue '{queue}' {(result.Succeeded ? "succeeded" : "failed")}: {result.Reason}");
        report(result);
    }
}
