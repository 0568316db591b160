using Ivr.Sip.Auth;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class OutboundAuthenticationTests
{
    private const string Challenge = "Digest realm=\"trunk.example\", nonce=\"n-1\", qop=\"auth\", algorithm=SHA-256, opaque=\"o\"";
    private static readonly SipUri Target = SipUri.Parse("sip:01088886666@127.0.0.1:5070").Value!;
    private static readonly NameAddress From = NameAddress.Parse("<sip:12333@127.0.0.1>").Value!;
    private readonly EndpointHarness _h = new();

    [Fact]
    public async Task Unauthorized_RetriesWithAuthorizationAndNextCSeq_ThenAnswered()
    {
        var call = Place(new DigestCredentials("ivr", "s3cret"));
        var first = Invites().Single();

        _h.Receive(Reply(first, 401, ("WWW-Authenticate", Challenge)));

        var ack = _h.Sender.Requests.Single(r => r.Method == "ACK");
        Assert.Equal(first.TopVia!.Branch, ack.TopVia!.Branch);
        var retry = Invites().Last();
        Assert.Equal(2, Invites().Count);
        Assert.Equal(new CSeqHeader(2, "INVITE"), retry.CSeq);
        Assert.Equal(first.CallId, retry.CallId);
        Assert.Equal(first.From!.Tag, retry.From!.Tag);
        Assert.NotEqual(first.TopVia!.Branch, retry.TopVia!.Branch);
        var authorization = retry.Headers.Get("Authorization")!;
        Assert.Contains("username=\"ivr\"", authorization);
        Assert.Contains("uri=\"sip:01088886666@127.0.0.1:5070\"", authorization);
        Assert.Contains("algorithm=SHA-256", authorization);
        Assert.Contains("nc=00000001", authorization);
        Assert.DoesNotContain("s3cret", authorization);
        Assert.Equal(first.Body, retry.Body);
        Assert.False(call.Answered.IsCompleted);

        _h.Receive(Reply(retry, 200, sdp: TestMessages.OfferSdp));

        Assert.Equal(200, (await call.Answered).StatusCode);
        Assert.Equal(new CSeqHeader(2, "ACK"), _h.Sender.Requests.Last().CSeq);
    }

    [Fact]
    public void ProxyAuthenticationRequired_AnswersWithProxyAuthorization()
    {
        Place(new DigestCredentials("ivr", "s3cret"));

        _h.Receive(Reply(Invites().Single(), 407, ("Proxy-Authenticate", "Digest realm=\"proxy\", nonce=\"p\"")));

        var retry = Invites().Last();
        Assert.StartsWith("Digest username=\"ivr\", realm=\"proxy\"", retry.Headers.Get("Proxy-Authorization"));
        Assert.Null(retry.Headers.Get("Authorization"));
    }

    [Fact]
    public async Task SecondChallengeWithSameNonce_GivesUpWithTheStatus()
    {
        var call = Place(new DigestCredentials("ivr", "wrong"));
        _h.Receive(Reply(Invites().Single(), 401, ("WWW-Authenticate", Challenge)));

        _h.Receive(Reply(Invites().Last(), 401, ("WWW-Authenticate", Challenge)));

        Assert.Equal(401, (await call.Answered).StatusCode);
        Assert.Equal(2, Invites().Count);
        Assert.Contains("refused", call.AuthenticationFailure);
        Assert.Equal(SipCallEndReason.Rejected, await call.Ended);
        Assert.DoesNotContain(_h.Log.All, l => l.Contains("wrong"));
    }

    [Fact]
    public void StaleChallenge_RetriesWithTheNewNonce()
    {
        Place(new DigestCredentials("ivr", "s3cret"));
        _h.Receive(Reply(Invites().Single(), 401, ("WWW-Authenticate", Challenge)));

        _h.Receive(Reply(Invites().Last(), 401, ("WWW-Authenticate", Challenge.Replace("n-1", "n-2") + ", stale=true")));

        Assert.Equal(3, Invites().Count);
        Assert.Contains("nonce=\"n-2\"", Invites().Last().Headers.Get("Authorization"));
        Assert.Equal(new CSeqHeader(3, "INVITE"), Invites().Last().CSeq);
    }

    [Fact]
    public async Task Challenge_WithoutCredentials_FailsAt401()
    {
        var call = Place(credentials: null);

        _h.Receive(Reply(Invites().Single(), 401, ("WWW-Authenticate", Challenge)));

        Assert.Equal(401, (await call.Answered).StatusCode);
        Assert.Single(Invites());
        Assert.Contains("none are configured", call.AuthenticationFailure);
    }

    [Fact]
    public async Task Challenge_UnsupportedAlgorithmOnly_FailsWithReason()
    {
        var call = Place(new DigestCredentials("ivr", "s3cret"));

        _h.Receive(Reply(Invites().Single(), 401, ("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1")));

        Assert.Equal(401, (await call.Answered).StatusCode);
        Assert.Contains("unsupported digest algorithm", call.AuthenticationFailure);
    }

    [Fact]
    public void Challenge_SeveralAlgorithms_TakesTheFirstSupported()
    {
        Place(new DigestCredentials("ivr", "s3cret"));
        var reply = Reply(Invites().Single(), 401,
            ("WWW-Authenticate", "Digest realm=\"r\", nonce=\"a\", algorithm=SHA-1"),
            ("WWW-Authenticate", "Digest realm=\"r\", nonce=\"b\", algorithm=SHA-512-256, qop=auth"),
            ("WWW-Authenticate", "Digest realm=\"r\", nonce=\"c\", algorithm=MD5, qop=auth"));

        _h.Receive(reply);

        Assert.Contains("algorithm=SHA-512-256", Invites().Last().Headers.Get("Authorization"));
    }

    [Fact]
    public void Cancel_AfterRetry_CancelsTheAuthenticatedInvite()
    {
        var call = Place(new DigestCredentials("ivr", "s3cret"));
        _h.Receive(Reply(Invites().Single(), 401, ("WWW-Authenticate", Challenge)));
        var retry = Invites().Last();
        _h.Receive(Reply(retry, 180));

        call.Cancel();

        var cancel = _h.Sender.Requests.Single(r => r.Method == "CANCEL");
        Assert.Equal(retry.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(new CSeqHeader(2, "CANCEL"), cancel.CSeq);
    }

    [Fact]
    public async Task SessionProgressWithSdp_RaisesEarlyMediaBeforeAnswer()
    {
        var call = Place(credentials: null);
        var progress = new List<SipOutboundProgress>();
        call.Progress += progress.Add;
        var invite = Invites().Single();

        _h.Receive(Reply(invite, 180));
        _h.Receive(Reply(invite, 183, sdp: TestMessages.OfferSdp));

        Assert.Equal([180, 183], progress.Select(p => p.StatusCode));
        Assert.Null(progress[0].EarlySdp);
        Assert.Equal(30000, progress[1].EarlySdp!.Media[0].Port);
        Assert.Same(progress[1].EarlySdp, call.RemoteSdp);
        Assert.Equal(SipOutboundState.Ringing, call.State);
        Assert.False(call.Answered.IsCompleted);

        _h.Receive(Reply(invite, 200, sdp: TestMessages.OfferSdp));
        Assert.Equal(200, (await call.Answered).StatusCode);
    }

    [Fact]
    public void ExtraHeaders_AreCarriedOnTheInvite()
    {
        _h.Endpoint.Caller.PlaceCall(Target, From, SdpOfferAnswer.CreateOffer(TestCallHandler.Media), TestMessages.PeerUdp,
            new SipOutboundOptions { Headers = [new SipHeader("X-Ivr-Queue", "general")] });

        Assert.Equal("general", Invites().Single().Headers.Get("X-Ivr-Queue"));
    }

    private SipOutboundCall Place(DigestCredentials? credentials) =>
        _h.Endpoint.Caller.PlaceCall(Target, From, SdpOfferAnswer.CreateOffer(TestCallHandler.Media), TestMessages.PeerUdp, new SipOutboundOptions { Credentials = credentials });

    private List<SipRequest> Invites() => _h.Sender.Requests.Where(r => r.Method == "INVITE").ToList();

    private static SipResponse Reply(SipRequest invite, int status, params (string Name, string Value)[] headers) => Reply(invite, status, null, headers);

    private static SipResponse Reply(SipRequest invite, int status, string? sdp, params (string Name, string Value)[] headers)
    {
        var response = SipResponseFactory.Create(invite, status, toTag: status == 100 ? null : "callee");
        response.Headers.Add("Contact", "<sip:agent@127.0.0.1:5070>");
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }

        if (sdp is not null)
        {
            response.Headers.Add("Content-Type", "application/sdp");
            response.Body = System.Text.Encoding.UTF8.GetBytes(sdp);
        }

        return response;
    }
}
