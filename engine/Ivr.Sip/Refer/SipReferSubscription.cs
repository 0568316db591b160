using Ivr.Sip.Transactions;

namespace Ivr.Sip.Refer;

/// <summary>
/// The transferor's side of one REFER (RFC 3515 §2.4): the REFER's final response, then the implicit
/// subscription's NOTIFYs whose <c>message/sipfrag</c> bodies report the referred call, until a final status,
/// a terminated subscription, the end of the call, or <see cref="SipReferResult.Timeout"/> after the given time on the injected clock.
/// Completes exactly once. Runs only on the stack's work queue.
/// </summary>
internal sealed class SipReferSubscription
{
    private readonly TaskCompletionSource<SipReferOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TransactionTimer _timer;
    private readonly TimeSpan _timeout;

    public SipReferSubscription(TransactionContext context, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the REFER timeout must be positive");
        }

        _timeout = timeout;
        _timer = new TransactionTimer(context, () => Fail(SipReferResult.Timeout));
    }

    public Task<SipReferOutcome> Completion => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>Whether the REFER was accepted (2xx, §2.4.2): NOTIFYs are now expected.</summary>
    public bool Accepted { get; private set; }

    /// <summary>Arms the timeout; call when the REFER leaves.</summary>
    public void Start() => _timer.Start(_timeout);

    /// <summary>The REFER's response: 2xx accepted; 405/501 not supported; any other 3xx–6xx rejected.</summary>
    public void OnReferResponse(SipResponse response)
    {
        if (response.IsProvisional || IsCompleted)
        {
            return;
        }

        if (response.IsSuccess)
        {
            Accepted = true;
            return;
        }

        var result = response.StatusCode is 405 or 501 ? SipReferResult.NotSupported : SipReferResult.Rejected;
        Complete(new SipReferOutcome(result, response.StatusCode) { ReferRefused = true });
    }

    /// <summary>The REFER's client transaction timed out (no response at all).</summary>
    public void OnReferTimeout() => Complete(new SipReferOutcome(SipReferResult.Timeout, 408));

    /// <summary>
    /// A NOTIFY of the refer event (the caller answers it 200): a final sipfrag status ends the transfer;
    /// a terminated subscription without one ends it as <see cref="SipReferResult.Rejected"/>.
    /// </summary>
    public void OnNotify(SipRequest notify)
    {
        if (IsCompleted)
        {
            return;
        }

        Accepted = true; // a NOTIFY may overtake the 202 (§2.4.4)
        var status = notify.ContentType == SipFrag.ContentType ? SipFrag.ReadStatus(notify.Body) : null;
        if (status is { } code && SipFrag.OutcomeOf(code) is { } outcome)
        {
            Complete(outcome);
            return;
        }

        if (IsTerminated(notify))
        {
            Complete(new SipReferOutcome(SipReferResult.Rejected, status ?? 0));
        }
    }

    /// <summary>The call ended before the transfer did.</summary>
    public void OnCallEnded() => Fail(SipReferResult.CallEnded);

    /// <summary>Ends the transfer with a failure <paramref name="result"/> (no effect once completed).</summary>
    public void Fail(SipReferResult result) => Complete(new SipReferOutcome(result));

    /// <summary>Whether <paramref name="notify"/> belongs to a refer subscription (Event: refer, RFC 3515 §2.4.4).</summary>
    public static bool IsReferEvent(SipRequest notify) =>
        notify.Headers.Get(SipHeaderNames.Event) is { } value
        && value.Split(';')[0].Trim().Equals("refer", StringComparison.OrdinalIgnoreCase);

    private static bool IsTerminated(SipRequest notify) =>
        notify.Headers.Get("Subscription-State") is { } state
        && state.Split(';')[0].Trim().Equals("terminated", StringComparison.OrdinalIgnoreCase);

    private void Complete(SipReferOutcome outcome)
    {
        _timer.Stop();
        _completion.TrySetResult(outcome);
    }
}
