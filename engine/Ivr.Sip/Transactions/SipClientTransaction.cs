using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// Common part of client transactions (RFC 3261 §17.1): the request, its destination, and the TU callbacks
/// for responses (retransmitted finals are absorbed) and for a timeout (Timer B/F, reported as 408 by the TU).
/// </summary>
public abstract class SipClientTransaction
{
    private readonly Action<SipResponse> _onResponse;
    private readonly Action _onTimeout;

    private protected SipClientTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint destination, TransactionContext context,
        Action<SipResponse> onResponse, Action onTimeout)
    {
        Key = key;
        Request = request;
        Destination = destination;
        Context = context;
        _onResponse = onResponse;
        _onTimeout = onTimeout;
    }

    public SipTransactionKey Key { get; }

    public SipRequest Request { get; }

    public SipEndPoint Destination { get; }

    public ClientTransactionState State { get; protected set; }

    public event Action<SipClientTransaction>? Terminated;

    private protected TransactionContext Context { get; }

    internal abstract void Start();

    internal abstract void ReceiveResponse(SipResponse response);

    private protected void SendRequest(SipRequest request) => Context.Sender.SendRequest(request, Destination);

    private protected void Deliver(SipResponse response) => _onResponse(response);

    private protected void TimeOut()
    {
        Terminate();
        _onTimeout();
    }

    private protected void Terminate()
    {
        if (State == ClientTransactionState.Terminated)
        {
            return;
        }

        State = ClientTransactionState.Terminated;
        StopTimers();
        Terminated?.Invoke(this);
    }

    private protected abstract void StopTimers();
}
