using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class SipLocalContactsTests
{
    private static readonly SipLocalAddress Local = new("192.0.2.7", 5060, 5061) { TlsPort = 5062 };

    [Theory]
    [InlineData(SipTransportKind.Udp, false)]
    [InlineData(SipTransportKind.Tcp, false)]
    [InlineData(SipTransportKind.Tls, false)]
    [InlineData(SipTransportKind.Tls, true)]
    [InlineData(SipTransportKind.Udp, true)] // sips means something over TLS only
    public void For_IsTheAddressesContact_OneInstanceForEveryCall(SipTransportKind kind, bool sips)
    {
        var contacts = new SipLocalContacts(Local);

        Assert.Equal(Local.Contact(kind, sips).ToString(), contacts.For(kind, sips).ToString());
        Assert.Same(contacts.For(kind, sips), contacts.For(kind, sips));
    }

    [Fact]
    public void For_Tls_SipWithTransportTls_OrSipsWhenAsked()
    {
        var contacts = new SipLocalContacts(Local);

        Assert.Equal("sip:ivr@192.0.2.7:5062;transport=tls", contacts.For(SipTransportKind.Tls).ToString());
        Assert.Equal("sips:ivr@192.0.2.7:5062", contacts.For(SipTransportKind.Tls, sips: true).ToString());
        Assert.Equal("sip:ivr@192.0.2.7:5061;transport=tcp", contacts.For(SipTransportKind.Tcp).ToString());
    }
}
