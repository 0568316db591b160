using Ivr.Sip.Dialogs;
using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;

namespace Ivr.Sip.Tests.Dialogs;

public sealed class SipDialogTests
{
    private static readonly SipUri Local = SipUri.ForHost("127.0.0.1", 5060, "ivr");

    [Fact]
    public void CreateUas_FromInvite_TakesIdentityTargetAndRouteSetInOrder()
    {
        var invite = TestMessages.Request("INVITE", cseq: 7, extraHeaders:
            ["Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>"]);

        var dialog = SipDialog.CreateUas(invite, "local1", Local);

        Assert.Equal(new SipDialogId("call-1", "local1", "peer-tag"), dialog.Id);
        Assert.Equal("local1", dialog.LocalAddress.Tag);
        Assert.Equal("sip:caller@127.0.0.1:5070", dialog.RemoteTarget.ToString());
        Assert.Equal(["p1.example.com", "p2.example.com"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal(7u, dialog.RemoteCSeq);
    }

    [Fact]
    public void CreateRequest_LooseRouting_TargetInRequestUriRoutesAsHeaders()
    {
        var invite = TestMessages.Request("INVITE", extraHeaders: ["Record-Route: <sip:p1.example.com;lr>"]);
        var dialog = SipDialog.CreateUas(invite, "local1", Local);

        var bye = dialog.CreateRequest("BYE");
        var second = dialog.CreateRequest("INFO");

        Assert.Equal("sip:caller@127.0.0.1:5070", bye.RequestUri.ToString());
        Assert.Equal(["<sip:p1.example.com;lr>"], bye.Headers.GetValues("Route"));
        Assert.Equal("local1", bye.From!.Tag);
        Assert.Equal("peer-tag", bye.To!.Tag);
        Assert.Equal(new CSeqHeader(1, "BYE"), bye.CSeq);
        Assert.Equal(new CSeqHeader(2, "INFO"), second.CSeq);
    }

    [Fact]
    public void CreateRequest_StrictFirstRoute_RouteBecomesRequestUriAndTargetLastRoute()
    {
        var invite = TestMessages.Request("INVITE", extraHeaders: ["Record-Route: <sip:strict.example.com>"]);
        var dialog = SipDialog.CreateUas(invite, "l", Local);

        var bye = dialog.CreateRequest("BYE");

        Assert.Equal("sip:strict.example.com", bye.RequestUri.ToString());
        Assert.Equal(["<sip:caller@127.0.0.1:5070>"], bye.Headers.GetValues("Route"));
    }

    [Fact]
    public void TryAcceptRemote_LowerCSeqRejected_ReinviteRefreshesTarget()
    {
        var dialog = SipDialog.CreateUas(TestMessages.Request("INVITE", cseq: 5), "l", Local);
        var reinvite = TestMessages.Request("INVITE", cseq: 6, toTag: "l");
        reinvite.Headers.Set("Contact", "<sip:caller@192.168.1.9:5999>");

        Assert.False(dialog.TryAcceptRemote(TestMessages.Request("BYE", cseq: 4, toTag: "l")));
        Assert.True(dialog.TryAcceptRemote(reinvite));
        Assert.Equal(6u, dialog.RemoteCSeq);
        Assert.Equal("192.168.1.9", dialog.RemoteTarget.Host);
    }

    [Fact]
    public void CreateUac_FromOk_RouteSetReversedAndLocalCSeqContinues()
    {
        var invite = TestMessages.Request("INVITE", cseq: 10);
        var ok = TestMessages.ResponseTo(invite, 200, toTag: "callee");
        ok.Headers.Add("Record-Route", "<sip:p1;lr>, <sip:p2;lr>");
        ok.Headers.Add("Contact", "<sip:callee@10.0.0.5>");

        var dialog = SipDialog.CreateUac(invite, ok, Local);

        Assert.Equal(new SipDialogId("call-1", "peer-tag", "callee"), dialog.Id);
        Assert.Equal(["p2", "p1"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
        Assert.Equal(new CSeqHeader(11, "BYE"), dialog.CreateRequest("BYE").CSeq);
    }
}
