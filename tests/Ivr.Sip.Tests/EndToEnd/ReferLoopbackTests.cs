using System.Net;
using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.EndToEnd;

/// <summary>Transfer by REFER over real UDP on 127.0.0.1: a test peer plays the caller's UA (the transferee).</summary>
public sealed class ReferLoopbackTests
{
    private static readonly SipUri Agents = SipUri.Parse("sip:agents-general@127.0.0.1:5090").Value!;

    [Fact]
    public async Task Refer_PeerAccepts_NotifyOk_Succeeds()
    {
        await using var setup = await Setup.StartAsync();

        var outcome = setup.Call.Refer(Agents, [new SipHeader("X-Ivr-Reason", "agent")]);
        var refer = await setup.ReceiveReferAsync();
        Assert.Equal("<sip:agents-general@127.0.0.1:5090>", refer.Headers.Get("Refer-To"));
        Assert.Equal("agent", refer.Headers.Get("X-Ivr-Reason"));
        await setup.RespondAsync(refer, 202);
        Assert.Equal(200, await setup.NotifyAsync("SIP/2.0 100 Trying", "active;expires=60", 2));
        Assert.Equal(200, await setup.NotifyAsync("SIP/2.0 200 OK", "terminated;reason=noresource", 3));

        Assert.Equal(new SipReferOutcome(SipReferResult.Answered, 200), await outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Refer_PeerAccepts_Notify486_FailsBusy()
    {
        await using var setup = await Setup.StartAsync();

        var outcome = setup.Call.Refer(Agents);
        var refer = await setup.ReceiveReferAsync();
        await setup.RespondAsync(refer, 202);
        await setup.NotifyAsync("SIP/2.0 486 Busy Here", "terminated;reason=noresource", 2);

        Assert.Equal(new SipReferOutcome(SipReferResult.Busy, 486), await outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Refer_Peer405_FailsNotSupported()
    {
        await using var setup = await Setup.StartAsync();

        var outcome = setup.Call.Refer(Agents);
        await setup.RespondAsync(await setup.ReceiveReferAsync(), 405);

        Assert.Equal(new SipReferOutcome(SipReferResult.NotSupported, 405) { ReferRefused = true }, await outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Refer_PeerAcceptsThenSilent_TimesOutOnTheStackClock()
    {
        var time = new FakeTimeProvider();
        await using var setup = await Setup.StartAsync(time);

        var outcome = setup.Call.Refer(Agents, timeout: TimeSpan.FromSeconds(30));
        await setup.RespondAsync(await setup.ReceiveReferAsync(), 202);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(outcome.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(new SipReferOutcome(SipReferResult.Timeout), await outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>A confirmed call from <see cref="LoopbackPeer"/> to a stack on 127.0.0.1.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly SipStack _stack;
        private readonly LoopbackPeer _peer;
        private readonly string _localTag;

        private Setup(SipStack stack, LoopbackPeer peer, string localTag, SipCall call)
        {
            _stack = stack;
            _peer = peer;
            _localTag = localTag;
            Call = call;
        }

        public SipCall Call { get; }

        public static async Task<Setup> StartAsync(TimeProvider? time = null)
        {
            var handler = new TestCallHandler();
            var stack = SipStack.Start(new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableTcp = false }, handler, time);
            var peer = new LoopbackPeer(stack.UdpEndPoint!);
            await peer.SendAsync(peer.Request("INVITE", "z9hG4bK-r-1", 1, null, TestMessages.OfferSdp));
            SipResponse ok;
            do
            {
                ok = await peer.ReceiveResponseAsync();
            }
            while (ok.StatusCode != 200);

            await peer.SendAsync(peer.Request("ACK", "z9hG4bK-r-2", 1, ok.To!.Tag));
            Assert.True(SpinWait.SpinUntil(() => handler.Events.Contains("confirmed"), 2000));
            return new Setup(stack, peer, ok.To!.Tag!, handler.Calls[0]);
        }

        public async Task<SipRequest> ReceiveReferAsync()
        {
            while (true)
            {
                if (await _peer.ReceiveAsync() is SipRequest { Method: "REFER" } refer)
                {
                    return refer;
                }
            }
        }

        public Task RespondAsync(SipRequest request, int status) =>
            _peer.SendAsync(SipSerializer.Serialize(SipResponseFactory.Create(request, status)));

        /// <summary>Sends a refer NOTIFY in the dialog and returns the stack's status for it.</summary>
        public async Task<int> NotifyAsync(string sipfrag, string subscriptionState, uint cseq)
        {
            var body = sipfrag + "\r\n";
            var text = _peer.Request("NOTIFY", $"z9hG4bK-r-n{cseq}", cseq, _localTag)
                .Replace("Content-Length: 0\r\n\r\n", $"Event: refer\r\nSubscription-State: {subscriptionState}\r\n" +
                    $"Content-Type: message/sipfrag\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
            await _peer.SendAsync(text);
            var response = await _peer.ReceiveResponseAsync();
            Assert.Equal("NOTIFY", response.CSeq!.Value.Method);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            await _stack.DisposeAsync();
            _peer.Dispose();
        }
    }
}
