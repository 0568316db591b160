using Ivr.Core.Channel;
using Ivr.Sip.Message;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Bridging;

/// <summary>
/// Transfer by bridging, the fallback when the caller's side refuses REFER (or the queue asks for it): plays
/// ring-back to the caller, dials the queue's agent URI with the context headers (X-Ivr-*), and on answer joins
/// the legs in a <see cref="CallBridge"/> → <c>bridged</c>. Otherwise the dial's reason (<c>busy</c>,
/// <c>no_answer</c>, <c>rejected</c>, <c>auth_failed</c>, <c>unreachable</c>) comes back so the flow's on_failure
/// branch runs, and the caller is back in the flow. When the caller hangs up meanwhile the dial is cancelled and
/// nothing is reported (null): the SIP side reports the hang-up.
/// </summary>
internal sealed class BridgeTransfer(IBridgeLeg caller, OutboundDialer dialer, Action<string> log)
{
    public async Task<TransferResult?> RunAsync(SipUri agentUri, IReadOnlyList<SipHeader> headers, TimeSpan ringTimeout)
    {
        using var callerGone = new CancellationTokenSource();
        void OnClosed() => callerGone.Cancel();
        caller.Closed += OnClosed;
        try
        {
            if (caller.IsClosed) return null;
            var bridge = new CallBridge(caller, log);
            caller.StartRingback();
            OutboundDialResult result;
            try
            {
                result = await dialer.DialAsync(agentUri.ToString(), new OutboundCallOptions
                {
                    RingTimeout = ringTimeout,
                    Headers = headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList(),
                    Relay = bridge.FromAgent,
                }, callerGone.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                log($"call {caller.CallId}: cannot bridge to the agents: {ex.Message}");
                caller.StopRingback();
                return new TransferResult(false, "rejected");
            }

            caller.StopRingback();
            if (!result.IsAnswered) return caller.IsClosed ? null : new TransferResult(false, result.Reason);
            if (caller.IsClosed)
            {
                result.Call!.Hangup();
                return null;
            }

            bridge.Connect(result.Call!);
            return new TransferResult(true, "bridged");
        }
        finally
        {
            caller.Closed -= OnClosed;
        }
    }
}
