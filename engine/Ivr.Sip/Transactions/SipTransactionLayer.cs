using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// Owns the live transactions and matches messages to them (RFC 3261 §17.1.3, §17.2.3). All calls must
/// come from the stack's <see cref="SipWorkQueue"/>; transactions remove themselves when they terminate.
/// </summary>
public sealed class SipTransactionLayer
{
    private readonly TransactionContext _context;
    private readonly Dictionary<SipTransactionKey, SipServerTransaction> _server = [];
    private readonly Dictionary<SipTransactionKey, SipClientTransaction> _client = [];
    private readonly TransactionTimeoutLine _timeouts;
    private readonly Action<SipServerTransaction> _forgetServer; // one for every transaction (a lambda made one each)
    private readonly Action<SipClientTransaction> _forgetClient;

    public SipTransactionLayer(TransactionContext context)
    {
        _context = context;
        _timeouts = new TransactionTimeoutLine(context);
        _forgetServer = t => _server.Remove(t.Key);
        _forgetClient = t => _client.Remove(t.Key);
    }

    public int ServerCount => _server.Count;

    public int ClientCount => _client.Count;

    /// <summary>Server transactions waiting out 64*T1 (Timer L, Timer J), ended ones until their deadline.</summary>
    internal int WaitingOut => _timeouts.Count;

    /// <summary>
    /// Gives a request to the transaction it belongs to: a retransmission is answered with the last
    /// response and an ACK for a non-2xx is consumed. Returns true when the TU must not see the request.
    /// </summary>
    public bool TryAbsorb(SipRequest request)
    {
        var key = SipTransactionKey.ForServer(request);
        return key is not null && _server.TryGetValue(key.Value, out var transaction) && transaction.Absorb(request);
    }

    /// <summary>Creates the server transaction for a new request (not ACK). INVITE transactions send 100 Trying at once.</summary>
    public SipServerTransaction CreateServerTransaction(SipRequest request, SipEndPoint source)
    {
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("ACK never creates a server transaction (RFC 3261 §17.2.1)", nameof(request));
        }

        var key = SipTransactionKey.ForServer(request)
            ?? throw new ArgumentException("request has no usable Via/CSeq", nameof(request));
        SipServerTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteServerTransaction(key, request, source, _context, _timeouts)
            : new NonInviteServerTransaction(key, request, source, _context, _timeouts);
        transaction.Terminated += _forgetServer;
        _server[key] = transaction;
        (transaction as InviteServerTransaction)?.Start();
        return transaction;
    }

    /// <summary>Finds the INVITE transaction a CANCEL refers to (same branch and sent-by, §9.2).</summary>
    public InviteServerTransaction? FindInviteFor(SipRequest cancel)
    {
        var key = SipTransactionKey.ForServer(cancel, SipMethods.Invite);
        return key is not null && _server.TryGetValue(key.Value, out var t) ? t as InviteServerTransaction : null;
    }

    /// <summary>Starts a client transaction for <paramref name="request"/>, whose top Via must carry a fresh branch.</summary>
    public SipClientTransaction SendRequest(SipRequest request, SipEndPoint destination, Action<SipResponse> onResponse, Action onTimeout)
    {
        var key = SipTransactionKey.ForClient(request) ?? throw new ArgumentException("request needs a Via branch and CSeq", nameof(request));
        SipClientTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(key, request, destination, _context, onResponse, onTimeout)
            : new NonInviteClientTransaction(key, request, destination, _context, onResponse, onTimeout);
        transaction.Terminated += _forgetClient;
        _client[key] = transaction;
        transaction.Start();
        return transaction;
    }

    /// <summary>Routes a response to its client transaction; false when none matches (the response is dropped, §18.1.2).</summary>
    public bool ReceiveResponse(SipResponse response)
    {
        var key = SipTransactionKey.ForClient(response);
        if (key is null || !_client.TryGetValue(key.Value, out var transaction))
        {
            return false;
        }

        transaction.ReceiveResponse(response);
        return true;
    }
}
