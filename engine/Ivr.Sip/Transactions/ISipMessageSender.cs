using Ivr.Sip.Transport;

namespace Ivr.Sip.Transactions;

/// <summary>
/// How transactions put messages on the wire; implemented by the stack over its transports
/// (so the transaction layer never creates or knows a socket).
/// </summary>
public interface ISipMessageSender
{
    void SendRequest(SipRequest request, SipEndPoint destination);

    /// <summary>Sends a response to the request that arrived from <paramref name="requestSource"/>, routed per its Via (§18.2.2).</summary>
    void SendResponse(SipResponse response, SipEndPoint requestSource);
}
