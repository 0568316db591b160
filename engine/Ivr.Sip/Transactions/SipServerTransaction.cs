using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// What the transaction user sees of a server transaction (RFC 3261 §17.2): the request, where it came
/// from, and <see cref="SendResponse"/>. Retransmitted requests are absorbed by the transaction itself.
/// </summary>
public abstract class SipServerTransaction
{
    private protected SipServerTransaction(SipTransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context)
    {
        Key = key;
        Request = request;
        Source = source;
        Context = context;
    }

    public SipTransactionKey Key { get; }

    public SipRequest Request { get; }

    public SipEndPoint Source { get; }

    public ServerTransactionState State { get; protected set; }

    /// <summary>The last response sent, resent when the request is retransmitted.</summary>
    public SipResponse? LastResponse { get; protected set; }

    /// <summary>True once a final (non-1xx) response was sent.</summary>
    public bool HasFinalResponse => LastResponse is { IsProvisional: false };

    /// <summary>Raised (on the work queue) when the transaction terminates, so the layer forgets it.</summary>
    public event Action<SipServerTransaction>? Terminated;

    /// <summary>Raised when Timer H fires: a non-2xx final response to an INVITE was never acknowledged.</summary>
    public event Action<SipServerTransaction>? TimedOut;

    private protected TransactionContext Context { get; }

    public abstract void SendResponse(SipResponse response);

    /// <summary>Handles a retransmission of the request (and, for INVITE, an ACK); returns true when absorbed.</summary>
    internal abstract bool Absorb(SipRequest request);

    private protected void Send(SipResponse response)
    {
        LastResponse = response;
        Context.Sender.SendResponse(response, Source);
    }

    private protected void Terminate()
    {
        if (State == ServerTransactionState.Terminated)
        {
            return;
        }

        State = ServerTransactionState.Terminated;
        StopTimers();
        Terminated?.Invoke(this);
    }

    private protected void RaiseTimedOut() => TimedOut?.Invoke(this);

    private protected abstract void StopTimers();
}
