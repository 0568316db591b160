using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The stack's <see cref="ISipMessageSender"/>: serializes and hands bytes to the transport named by the
/// destination; responses are routed per Via (RFC 3261 §18.2.2) by <see cref="ViaRouting"/>.
/// </summary>
public sealed class TransportMessageSender : ISipMessageSender
{
    private readonly IReadOnlyDictionary<SipTransportKind, ISipTransport> _transports;
    private readonly ISipLog _log;

    public TransportMessageSender(IEnumerable<ISipTransport> transports, ISipLog? log = null)
    {
        _transports = transports.ToDictionary(t => t.Kind);
        _log = log ?? NullSipLog.Instance;
    }

    public void SendRequest(SipRequest request, SipEndPoint destination) => Send(request, destination);

    public void SendResponse(SipResponse response, SipEndPoint requestSource) =>
        Send(response, ViaRouting.ResponseDestination(response, requestSource));

    private void Send(SipMessage message, SipEndPoint destination)
    {
        if (!_transports.TryGetValue(destination.Transport, out var transport))
        {
            _log.Warning($"no {destination.TransportName} transport to send '{message}' to {destination.EndPoint}");
            return;
        }

        transport.Send(destination.EndPoint, SipSerializer.Serialize(message));
    }
}
