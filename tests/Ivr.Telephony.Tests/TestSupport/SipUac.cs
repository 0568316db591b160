using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>A minimal SIP caller over UDP on loopback with its own RTP socket.</summary>
public sealed class SipUac : IDisposable
{
    private readonly UdpClient _sip = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _server;
    private readonly string _callId = $"uac-{Guid.NewGuid():N}@127.0.0.1";
    private uint _cseq;

    public SipUac(IPEndPoint server, string caller = "13012345273", string dialled = "12333")
    {
        _server = server;
        Caller = caller;
        Dialled = dialled;
        Port = ((IPEndPoint)_sip.Client.LocalEndPoint!).Port;
        Rtp = new RtpPeer();
    }

    public int Port { get; }

    public string Caller { get; }

    public string Dialled { get; }

    public string CallId => _callId;

    public RtpPeer Rtp { get; }

    /// <summary>The server's tag from its 2xx; set by <see cref="InviteAsync"/>.</summary>
    public string? RemoteTag { get; private set; }

    public string Offer(string formats = "0 8 101", bool telephoneEvent = true) =>
        "v=0\r\n" +
        $"o=uac 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {Rtp.Port} RTP/AVP {formats}\r\n" +
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        (telephoneEvent ? "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n" : "") +
        "a=ptime:20\r\na=sendrecv\r\n";

    public string Request(string method, string? body = null, uint? cseq = null, string contentType = "application/sdp")
    {
        var number = cseq ?? ++_cseq;
        var bytes = Encoding.UTF8.GetByteCount(body ?? "");
        return $"{method} sip:{Dialled}@127.0.0.1:{_server.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{Port};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: \"Caller\" <sip:{Caller}@127.0.0.1:{Port}>;tag=uac-tag\r\n" +
            $"To: <sip:{Dialled}@127.0.0.1>{(RemoteTag is null ? "" : ";tag=" + RemoteTag)}\r\n" +
            $"Call-ID: {_callId}\r\n" +
            $"CSeq: {number} {method}\r\n" +
            $"Contact: <sip:{Caller}@127.0.0.1:{Port}>\r\n" +
            (body is null ? "" : $"Content-Type: {contentType}\r\n") +
            $"Content-Length: {bytes}\r\n\r\n" + body;
    }

    public Task SendAsync(string text) => _sip.SendAsync(Encoding.UTF8.GetBytes(text), _server).AsTask();

    public async Task<SipMessage> ReceiveAsync(double seconds = 5)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var datagram = await _sip.ReceiveAsync(timeout.Token);
        var parsed = SipParser.Parse(datagram.Buffer, SipParseOptions.Datagram);
        Assert.True(parsed.IsSuccess, parsed.Error);
        return parsed.Message!;
    }

    /// <summary>Receives until a final response to the last <paramref name="method"/> request made arrives; returns every
    /// response in order. Responses to an earlier request are skipped: the server retransmits its 200 to the first INVITE
    /// until our ACK reaches it, so on a busy machine one may still arrive after a re-INVITE is sent.</summary>
    public async Task<List<SipResponse>> ReceiveUntilFinalAsync(string method, double seconds = 5)
    {
        var responses = new List<SipResponse>();
        while (true)
        {
            var message = await ReceiveAsync(seconds);
            if (message is not SipResponse response || response.CSeq?.Method != method || response.CSeq?.Number != _cseq) continue;
            responses.Add(response);
            if (response.StatusCode >= 200) return responses;
        }
    }

    /// <summary>INVITE (with <paramref name="sdp"/>, or none for a late offer) and its responses up to the final one; remembers the server's tag.</summary>
    public async Task<List<SipResponse>> InviteAsync(string? sdp)
    {
        await SendAsync(Request("INVITE", sdp));
        var responses = await ReceiveUntilFinalAsync("INVITE");
        RemoteTag = responses[^1].To?.Tag;
        return responses;
    }

    public Task AckAsync(string? sdp = null) => SendAsync(Request("ACK", sdp, cseq: _cseq));

    /// <summary>Waits for a request from the server (e.g. its BYE), skipping retransmitted responses, and answers it 200.</summary>
    public async Task<SipRequest> ReceiveRequestAndAnswerAsync(string method, double seconds = 5)
    {
        while (true)
        {
            if (await ReceiveAsync(seconds) is not SipRequest request || request.Method != method) continue;
            var response = $"SIP/2.0 200 OK\r\n" +
                string.Concat(request.Headers.GetValues("Via").Select(v => $"Via: {v}\r\n")) +
                $"From: {request.Headers.Get("From")}\r\nTo: {request.Headers.Get("To")}\r\n" +
                $"Call-ID: {request.CallId}\r\nCSeq: {request.Headers.Get("CSeq")}\r\nContent-Length: 0\r\n\r\n";
            await SendAsync(response);
            return request;
        }
    }

    /// <summary>The SDP of a response, parsed.</summary>
    public static SessionDescription SdpOf(SipResponse response)
    {
        var parsed = SessionDescription.Parse(response.Body);
        Assert.True(parsed.IsSuccess, parsed.Error);
        return parsed.Value!;
    }

    /// <summary>Where the server's SDP says to send RTP.</summary>
    public static IPEndPoint MediaOf(SessionDescription sdp)
    {
        var audio = sdp.Media.First(m => m.Media == "audio");
        return new IPEndPoint(IPAddress.Parse(sdp.ConnectionOf(audio)!.Host), audio.Port);
    }

    public void Dispose()
    {
        _sip.Dispose();
        Rtp.Dispose();
    }
}
