using Ivr.Sip.Message;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Tests.TestSupport;

/// <summary>An <see cref="ISipMessageSender"/> that records what would go on the wire.</summary>
public sealed class RecordingSender : ISipMessageSender
{
    public List<(SipMessage Message, SipEndPoint Target)> Sent { get; } = [];

    public IEnumerable<SipResponse> Responses => Sent.Select(s => s.Message).OfType<SipResponse>();

    public IEnumerable<SipRequest> Requests => Sent.Select(s => s.Message).OfType<SipRequest>();

    public int Count => Sent.Count;

    public void SendRequest(SipRequest request, SipEndPoint destination) => Sent.Add((Reparse(request), destination));

    public void SendResponse(SipResponse response, SipEndPoint requestSource) => Sent.Add((Reparse(response), requestSource));

    public IReadOnlyList<int> StatusCodes => Responses.Select(r => r.StatusCode).ToList();

    public void Clear() => Sent.Clear();

    // Every message goes through the serializer and back, as it would over a socket.
    private static SipMessage Reparse(SipMessage message)
    {
        var result = SipParser.Parse(SipSerializer.Serialize(message), SipParseOptions.Stream);
        return result.Message ?? throw new InvalidOperationException($"stack produced an unparsable message: {result.Error}");
    }
}
