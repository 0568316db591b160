using Ivr.Sip.Dialogs;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;
using Ivr.Sip.UserAgent;
using Ivr.Sip.UserAgent.Uas;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.UserAgent.Uas;

/// <summary>
/// One <see cref="UasInviteSession"/> over a fake clock and a recording sender, with no endpoint, parser
/// pipeline or socket: requests are handed to the session the way <see cref="SipUserAgent"/> routes them.
/// </summary>
internal sealed class UasSessionFixture
{
    public const string LocalTag = "our-tag";
    private readonly SipTransactionLayer _transactions;
    private uint _peerCSeq = 1;

    public UasSessionFixture(string? offer = TestMessages.OfferSdp, SipUserAgentOptions? options = null)
    {
        var context = new TransactionContext(Sender, Time, new SipWorkQueue(Log), SipTimerSettings.Default);
        _transactions = new SipTransactionLayer(context);
        var local = new SipLocalAddress("127.0.0.1", 5060, 5060);
        var services = new UasServices(context, _transactions, new GuardedCallHandler(Handler, Log), options ?? new SipUserAgentOptions(), local, Log);
        var invite = TestMessages.Request("INVITE", body: offer);
        var transaction = (InviteServerTransaction)_transactions.CreateServerTransaction(invite, TestMessages.PeerUdp);
        var dialog = SipDialog.CreateUas(invite, LocalTag, local.Contact(TestMessages.PeerUdp.Transport));
        var sdp = offer is null ? null : SessionDescription.Parse(System.Text.Encoding.UTF8.GetBytes(offer)).Value;
        Session = new UasInviteSession(services, dialog, invite, transaction, sdp, _ => Forgotten++);
    }

    public FakeTimeProvider Time { get; } = new();

    public RecordingSender Sender { get; } = new();

    public RecordingLog Log { get; } = new();

    public TestCallHandler Handler { get; } = new() { AutoAnswer = false };

    public UasInviteSession Session { get; }

    /// <summary>How often the session asked its registry to forget it.</summary>
    public int Forgotten { get; private set; }

    /// <summary>What went on the wire since the last <see cref="RecordingSender.Clear"/>: "180 INVITE" for a response, "BYE" for a request.</summary>
    public IReadOnlyList<string> Wire =>
        [.. Sender.Sent.Select(s => s.Message is SipResponse r ? $"{r.StatusCode} {r.CSeq!.Value.Method}" : ((SipRequest)s.Message).Method)];

    /// <summary>Starts the session (the handler hears "incoming" and decides nothing) and forgets the 100 Trying.</summary>
    public UasSessionFixture Started()
    {
        Session.Start();
        Sender.Clear();
        return this;
    }

    /// <summary>Answered and ACKed; the wire and the handler's events so far are kept.</summary>
    public UasSessionFixture Confirmed()
    {
        Started();
        Session.Answer(Answer);
        Session.OnAck(Ack());
        return this;
    }

    public static SessionDescription Answer { get; } = SdpOfferAnswer.CreateOffer(TestCallHandler.Media);

    public SipRequest Ack(string? sdp = null) =>
        TestMessages.Request("ACK", branch: "z9hG4bK-ack", toTag: LocalTag, body: sdp);

    /// <summary>A request of the peer within the dialog, with the next CSeq unless <paramref name="cseq"/> is given.</summary>
    public void Receive(string method, uint? cseq = null, string? body = null, string contentType = "application/sdp", params string[] headers)
    {
        var number = cseq ?? ++_peerCSeq;
        var request = TestMessages.Request(method, branch: $"z9hG4bK-{method}-{number}", cseq: number, toTag: LocalTag,
            body: body, contentType: contentType, extraHeaders: headers);
        Session.OnRequest(request, _transactions.CreateServerTransaction(request, TestMessages.PeerUdp));
    }

    /// <summary>Advances the clock in 100 ms steps so each timer fires at its own instant.</summary>
    public void Advance(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromMilliseconds(100))
        {
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }
}
