using System.Net;
using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Tests.TestSupport;

/// <summary>Builds requests and responses as a peer would send them.</summary>
public static class TestMessages
{
    public static readonly SipEndPoint PeerUdp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    public static readonly SipEndPoint PeerTcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5071));

    public const string OfferSdp =
        "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 30000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    public static SipRequest Request(
        string method,
        string branch = "z9hG4bK-1",
        uint cseq = 1,
        string callId = "call-1",
        string? toTag = null,
        string? body = null,
        string contentType = "application/sdp",
        string transport = "UDP",
        params string[] extraHeaders)
    {
        var text = new StringBuilder()
            .Append($"{method} sip:ivr@127.0.0.1:5060 SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/{transport} 127.0.0.1:5070;branch={branch};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: \"Caller\" <sip:13800000000@127.0.0.1:5070>;tag=peer-tag\r\n")
            .Append(toTag is null ? "To: <sip:12333@127.0.0.1>\r\n" : $"To: <sip:12333@127.0.0.1>;tag={toTag}\r\n")
            .Append($"Call-ID: {callId}\r\n")
            .Append($"CSeq: {cseq} {method}\r\n")
            .Append("Contact: <sip:caller@127.0.0.1:5070>\r\n");
        foreach (var header in extraHeaders)
        {
            text.Append(header).Append("\r\n");
        }

        if (body is not null)
        {
            text.Append($"Content-Type: {contentType}\r\n");
        }

        text.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body ?? string.Empty)}\r\n\r\n").Append(body);
        return (SipRequest)Parse(text.ToString());
    }

    public static SipResponse ResponseTo(SipRequest request, int status, string? toTag = "remote-tag")
    {
        var response = SipResponseFactory.Create(request, status, toTag: toTag);
        return (SipResponse)SipParser.Parse(SipSerializer.Serialize(response)).Message!;
    }

    public static SipMessage Parse(string text)
    {
        var result = SipParser.Parse(Encoding.UTF8.GetBytes(text));
        return result.Message ?? throw new InvalidOperationException(result.Error);
    }
}
