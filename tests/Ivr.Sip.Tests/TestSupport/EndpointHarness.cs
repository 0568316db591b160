using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.TestSupport;

/// <summary>A <see cref="SipEndpoint"/> on a fake clock, fed bytes and recording what it sends.</summary>
public sealed class EndpointHarness
{
    public EndpointHarness(SipUserAgentOptions? options = null)
    {
        Endpoint = new SipEndpoint(Sender, Handler, new SipLocalAddress("127.0.0.1", 5060, 5060), options ?? new SipUserAgentOptions(), Time, Log);
    }

    public FakeTimeProvider Time { get; } = new();

    public RecordingSender Sender { get; } = new();

    public TestCallHandler Handler { get; } = new();

    public RecordingLog Log { get; } = new();

    public SipEndpoint Endpoint { get; }

    public void Receive(SipMessage message, SipEndPoint? source = null) => Receive(SipSerializer.Serialize(message), source);

    public void Receive(string text, SipEndPoint? source = null) => Receive(Encoding.UTF8.GetBytes(text), source);

    public void Receive(byte[] bytes, SipEndPoint? source = null) => Endpoint.Receive(bytes, source ?? TestMessages.PeerUdp);

    public SipResponse LastResponse => Sender.Responses.Last();

    public void Advance(TimeSpan span)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += step)
        {
            Time.Advance(step);
        }
    }
}
