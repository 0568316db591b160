using System.Net;
using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Tests.Transport;

public sealed class ViaRoutingTests
{
    private static readonly SipEndPoint NatSource = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.168.1.50"), 40123));

    [Fact]
    public void StampReceived_RportWithoutValue_AddsReceivedAndRport()
    {
        var request = TestMessages.Request("OPTIONS");

        ViaRouting.StampReceived(request, NatSource);

        Assert.Equal(40123, request.TopVia!.RPort);
        Assert.Equal("192.168.1.50", request.TopVia.Received);
    }

    [Fact]
    public void StampReceived_SentByMatchesSourceWithoutRport_Unchanged()
    {
        var request = (SipRequest)TestMessages.Parse(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n");

        ViaRouting.StampReceived(request, TestMessages.PeerUdp);

        Assert.Equal("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1", request.Headers.Get("Via"));
    }

    [Fact]
    public void ResponseDestination_ReceivedAndRport_UsesBoth()
    {
        var request = TestMessages.Request("OPTIONS");
        ViaRouting.StampReceived(request, NatSource);
        var response = SipResponseFactory.Create(request, 200);

        Assert.Equal(NatSource, ViaRouting.ResponseDestination(response, NatSource));
    }

    [Fact]
    public void ResponseDestination_ReceivedWithoutRport_UsesSentByPort()
    {
        var response = (SipResponse)TestMessages.Parse(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP host.example.com:5080;branch=z9hG4bK1;received=10.0.0.7\r\nContent-Length: 0\r\n\r\n");

        var destination = ViaRouting.ResponseDestination(response, NatSource);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 5080), destination.EndPoint);
    }

    [Fact]
    public void ResponseDestination_Tcp_BackOnTheConnection()
    {
        var tcp = NatSource with { Transport = SipTransportKind.Tcp };
        var response = SipResponseFactory.Create(TestMessages.Request("OPTIONS", transport: "TCP"), 200);

        Assert.Equal(tcp, ViaRouting.ResponseDestination(response, tcp));
    }
}
