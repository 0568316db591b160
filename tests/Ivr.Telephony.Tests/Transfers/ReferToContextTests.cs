using Ivr.Sip.Message;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Transfers;

public sealed class ReferToContextTests
{
    private static readonly SipUri Agents = SipUri.Parse("sip:agents@pbx.example:5060;transport=udp").Value!;

    [Fact]
    public void Of_EscapesValuesAsRfc3261Section19_1_2AndParsesBack()
    {
        var headers = new List<SipHeader>
        {
            new("X-Ivr-Queue", "general"),
            new("X-Ivr-Path", "main>card_services 3&1=?"),
            new("X-Ivr-Reason", "养老金 查询"),
        };

        var uri = ReferToContext.Of(Agents, headers);

        Assert.Equal(
            "sip:agents@pbx.example:5060;transport=udp?X-Ivr-Queue=general&X-Ivr-Path=main%3Ecard_services%203%261%3D?" +
            "&X-Ivr-Reason=%E5%85%BB%E8%80%81%E9%87%91%20%E6%9F%A5%E8%AF%A2",
            uri.ToString());
        var parsed = NameAddress.Parse(new NameAddress(uri).ToString()).Value!.Uri;
        Assert.Equal(headers, ReferToContext.HeadersOf(parsed));
        Assert.Equal("udp", parsed.GetParameter("transport"));
    }

    [Fact]
    public void Of_TooLong_QueueAndTokenKeptFirst_WhatDoesNotFitLeftOut()
    {
        var headers = new List<SipHeader>
        {
            new("X-Ivr-Path", new string('p', 500)),
            new("X-Ivr-Reason", new string('r', 500)),
            new("X-Ivr-Queue", "general"),
            new(ReferToContext.TokenHeader, "0123456789abcdef0123456789abcdef"),
        };

        var uri = ReferToContext.Of(Agents, headers);

        Assert.True(uri.ToString().Length <= ReferToContext.MaxLength, $"{uri.ToString().Length} characters");
        Assert.Equal(["X-Ivr-Queue", ReferToContext.TokenHeader, "X-Ivr-Path"], uri.Headers.Select(h => h.Name));
    }

    [Fact]
    public void Of_TargetsOwnHeadersKept()
    {
        var target = SipUri.Parse("sip:agents@pbx?Priority=urgent").Value!;

        var uri = ReferToContext.Of(target, [new SipHeader("X-Ivr-Queue", "general")]);

        Assert.Equal("sip:agents@pbx?Priority=urgent&X-Ivr-Queue=general", uri.ToString());
    }

    [Fact]
    public void Of_NoHeaders_TheTargetAsItWas() =>
        Assert.Equal(Agents.ToString(), ReferToContext.Of(Agents, []).ToString());
}
