using System.Net;
using Ivr.Core.Channel;
using Ivr.Host.Assist;
using Ivr.Telephony;

namespace Ivr.Host.Tests.Assist;

/// <summary>Only the agents' PBX (a trusted_pbx address) may start an assisted check: from anywhere else the call goes
/// on without its assist headers, as if X-Ivr-Return were missing, logged once without the caller's number.</summary>
public sealed class AssistSendersTests
{
    private static readonly string[] TrustedPbx = ["pbx.example", "10.0.0.5", "[fd00::5]"];
    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        [AssistHeaders.Return] = "<sip:agent1001@10.0.0.5>", [AssistHeaders.Purpose] = "pin_change",
    };

    private readonly List<string> _log = [];

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("::ffff:10.0.0.5")]
    [InlineData("fd00::5")]
    public void Screen_FromATrustedPbxAddress_KeepsTheHeaders(string source)
    {
        var senders = new AssistSenders(TrustedPbx, _log.Add);
        _log.Clear();

        var screened = senders.Screen(Call(IPAddress.Parse(source)));

        Assert.Same(Headers, screened.Headers);
        Assert.Empty(_log);
    }

    [Theory]
    [InlineData("10.0.0.6")]   // anyone else who can reach the SIP port
    [InlineData("127.0.0.1")]  // a listed proxy (Kamailio) or anything on the node itself: not the PBX
    [InlineData(null)]
    public void Screen_FromAnywhereElse_DropsTheHeaders_LogsOnceWithoutTheCallerNumber(string? source)
    {
        var senders = new AssistSenders(TrustedPbx, _log.Add);
        _log.Clear();

        var screened = senders.Screen(Call(source is null ? null : IPAddress.Parse(source)));

        Assert.Empty(screened.Headers!);
        Assert.Equal(("c1", "13012345273", "12333-auth"), (screened.CallId, screened.Caller, screened.Dialled));
        var line = Assert.Single(_log);
        Assert.Contains("assist headers ignored", line);
        Assert.Contains(source ?? "an unknown address", line);
        Assert.DoesNotContain("13012345273", line);
    }

    [Fact]
    public void Screen_NameOnlyEntry_MatchesNoSourceAddress_AndSaysSoAtStart()
    {
        var senders = new AssistSenders(["pbx.example"], _log.Add);

        Assert.Contains(_log, l => l.Contains("'pbx.example' is a name"));
        Assert.False(senders.MayStart(IPAddress.Parse("10.0.0.5")));
    }

    [Fact]
    public void Screen_NoAssistHeaders_CallUnchanged_NothingLogged()
    {
        var call = new IncomingCall("c2", "13012345273", "12333", AssistHeaders.None, IPAddress.Parse("203.0.113.7"));

        Assert.Same(call, AssistSenders.None.Screen(call));
        Assert.Empty(_log);
    }

    [Fact]
    public void None_NoSourceMayStart() => Assert.False(AssistSenders.None.MayStart(IPAddress.Loopback));

    private static IncomingCall Call(IPAddress? source) => new("c1", "13012345273", "12333-auth", Headers, source);
}
