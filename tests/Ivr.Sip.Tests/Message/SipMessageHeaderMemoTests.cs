using System.Text;
using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

/// <summary>The typed headers are parsed once per raw value: read again, the same object; the header replaced, the new value.</summary>
public sealed class SipMessageHeaderMemoTests
{
    private static SipRequest Invite() => Assert.IsType<SipRequest>(SipParser.Parse(Encoding.UTF8.GetBytes(
        "INVITE sip:12333@127.0.0.1 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKone, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKtwo\r\n" +
        "From: <sip:13800000000@127.0.0.1>;tag=a\r\n" +
        "To: <sip:12333@127.0.0.1>\r\n" +
        "Call-ID: memo-1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n")).Message);

    [Fact]
    public void TypedHeaders_ReadTwice_ParsedOnce()
    {
        var invite = Invite();

        Assert.Same(invite.To, invite.To);
        Assert.Same(invite.From, invite.From);
        Assert.Same(invite.TopVia, invite.TopVia);
        Assert.Equal("z9hG4bKone", invite.TopVia!.Branch);
    }

    [Fact]
    public void TypedHeaders_HeaderReplaced_TheNewValueIsRead()
    {
        var invite = Invite();
        Assert.Null(invite.To!.Tag);
        Assert.Equal(1u, invite.CSeq!.Value.Number);

        invite.Headers.Set(SipHeaderNames.To, "<sip:12333@127.0.0.1>;tag=b");
        invite.Headers.Set(SipHeaderNames.CSeq, "2 INVITE");
        invite.ReplaceTopVia(ViaHeader.Parse("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKthree").Value!);

        Assert.Equal("b", invite.To!.Tag);
        Assert.Equal(2u, invite.CSeq!.Value.Number);
        Assert.Equal("z9hG4bKthree", invite.TopVia!.Branch);
    }

    [Fact]
    public void TypedHeaders_Absent_NullAsBefore_CSeqTheDefault()
    {
        var invite = Invite();
        invite.Headers.Remove(SipHeaderNames.To);
        invite.Headers.Remove(SipHeaderNames.CSeq);

        Assert.Null(invite.To);
        Assert.Equal(default(CSeqHeader), invite.CSeq!.Value); // as the accessor always answered: the validator refuses it
    }

    [Fact]
    public void ReplaceTopVia_ListLine_TheOtherValueKept_TheNewTopReadWithoutParsing()
    {
        var invite = Invite();
        var stamped = ViaHeader.Parse("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKone;received=127.0.0.1;rport=5070").Value!;

        invite.ReplaceTopVia(stamped);

        Assert.Same(stamped, invite.TopVia);
        Assert.Equal(["z9hG4bKone", "z9hG4bKtwo"], invite.Headers.GetValues(SipHeaderNames.Via).Select(v => ViaHeader.Parse(v).Value!.Branch));
        Assert.True(SipMessageValidator.Validate(invite).IsValid);
    }

    [Fact]
    public void Validate_SecondViaMalformed_RefusedThoughTheTopOneParses()
    {
        var invite = Invite();
        invite.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP bad host;branch=z9hG4bKthree");

        Assert.NotNull(invite.TopVia);
        Assert.Equal("Malformed Via", SipMessageValidator.Validate(invite).Reason);
    }
}
