using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// What the transaction user sees of a server transaction (RFC 3261 §17.2): the request, where it came
/// from, and <see cref="SendResponse"/>. Retransmitted requests are absorbed by the transaction itself.
/// Once it only waits out its timer to absorb retransmissions (Timer J, Timer L, Timer I — up to 32 s over UDP), a
/// transaction lets go of what that no longer needs: the request, and the response when it is not sent again (issue 13:
/// at 300 calls/s those windows held ~19,000 requests and responses, copied by every collection that promoted them).
/// </summary>
public abstract class SipServerTransaction
{
    private protected SipServerTransaction(SipTransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context, TransactionTimeoutLine timeouts)
    {
        Key = key;
        _request = request;
        Source = source;
        Context = context;
        Timeouts = timeouts;
    }

    public SipTransactionKey Key { get; }

    private SipRequest? _request;

    /// <summary>The request, read while the transaction user answers it; let go once a final response is sent (the
    /// transaction then only absorbs retransmissions), so it is not read after that.</summary>
    public SipRequest Request => _request ?? throw new InvalidOperationException($"transaction {Key.Value} has its final response: its request was let go");

    /// <summary>The request while it is held (until the final response); null after.</summary>
    internal SipRequest? RequestIfHeld => _request;

    public SipEndPoint Source { get; }

    public ServerTransactionState State { get; protected set; }

    /// <summary>The last response sent while it may be sent again (a retransmitted request, Timer G); null once nothing
    /// sends it again.</summary>
    public SipResponse? LastResponse { get; protected set; }

    /// <summary>True once a final (non-1xx) response was sent.</summary>
    public bool HasFinalResponse { get; private set; }

    /// <summary>Raised (on the work queue) when the transaction terminates, so the layer forgets it.</summary>
    public event Action<SipServerTransaction>? Terminated;

    /// <summary>Raised when Timer H fires: a non-2xx final response to an INVITE was never acknowledged.</summary>
    public event Action<SipServerTransaction>? TimedOut;

    private protected TransactionContext Context { get; }

    /// <summary>Where the transaction waits out 64*T1 (Timer L, Timer J) with the stack's other transactions.</summary>
    private protected TransactionTimeoutLine Timeouts { get; }

    /// <summary>Its 64*T1 in the <see cref="TransactionTimeoutLine"/> passed: ends it if it still waits for that.</summary>
    internal abstract void WaitedOut();

    public abstract void SendResponse(SipResponse response);

    /// <summary>Handles a retransmission of the request (and, for INVITE, an ACK); returns true when absorbed.</summary>
    internal abstract bool Absorb(SipRequest request);

    private protected void Send(SipResponse response)
    {
        LastResponse = response;
        HasFinalResponse |= !response.IsProvisional;
        Context.Sender.SendResponse(response, Source);
    }

    /// <summary>From here on only retransmissions are absorbed: the request is no longer read (and, with
    /// <paramref name="responseToo"/>, nor the last response: nothing sends it again).</summary>
    private protected void LetGo(bool responseToo)
    {
        _request = null;
        if (responseToo) LastResponse = null;
    }

    private protected void Terminate()
    {
        if (State == ServerTransactionState.Terminated)
        {
            return;
        }

        State = ServerTransactionState.Terminated;
        LetGo(responseToo: true);
        StopTimers();
        Terminated?.Invoke(this);
    }

    private protected void RaiseTimedOut() => TimedOut?.Invoke(this);

    private protected abstract void StopTimers();
}
