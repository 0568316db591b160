namespace Ivr.Sip.Transactions;

/// <summary>
/// Transaction identity (RFC 3261 §17.1.3, §17.2.3). With an RFC 3261 branch (magic cookie) a server
/// transaction is branch + sent-by + method, ACK counting as INVITE; without it the RFC 2543 rule applies:
/// Request-URI, From tag, Call-ID, CSeq number and the top Via. A client transaction is branch + CSeq method.
/// </summary>
public readonly record struct SipTransactionKey(string Value)
{
    public static SipTransactionKey? ForServer(SipRequest request, string? methodOverride = null)
    {
        var via = request.TopVia;
        var cseq = request.CSeq;
        if (via is null || cseq is null)
        {
            return null;
        }

        var method = methodOverride ?? (request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method);
        if (via.HasMagicCookie)
        {
            return new SipTransactionKey($"3261|{via.Branch}|{via.SentBy}|{method}");
        }

        return new SipTransactionKey(
            $"2543|{request.RequestUri}|{request.From?.Tag}|{request.CallId}|{cseq.Value.Number}|{via}|{method}");
    }

    public static SipTransactionKey? ForClient(SipMessage message)
    {
        var branch = message.TopVia?.Branch;
        var cseq = message.CSeq;
        return branch is null || cseq is null ? null : new SipTransactionKey($"client|{branch}|{cseq.Value.Method}");
    }
}
