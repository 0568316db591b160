using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Sip.Tests.Throttling.Sources;

namespace Ivr.Sip.Tests.Throttling;

public sealed class CallAdmissionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLog _log = new();

    [Fact]
    public void TryAdmit_ASourceHoldsAtMostItsShareOfMaxCalls_503WithRetryAfter()
    {
        var admission = Admission(maxCalls: 100);
        var held = Admit(admission, Attacker, 30);

        Assert.Equal(20, held.Count(p => p.Refusal is null));
        var refusal = held.Last().Refusal!;
        Assert.Equal(503, refusal.StatusCode);
        Assert.Contains(refusal.Headers!, h => h.Name == SipHeaderNames.RetryAfter && h.Value == "30");
        Assert.Null(admission.TryAdmit(Invite(), Caller, out _));
    }

    [Fact]
    public void Release_GivesTheSlotBack()
    {
        var admission = Admission(maxCalls: 5);
        var first = Admit(admission, Attacker, 1).Single();
        Assert.NotNull(admission.TryAdmit(Invite(), Attacker, out _));

        admission.Release(first.Party);

        Assert.Null(admission.TryAdmit(Invite(), Attacker, out _));
    }

    [Fact]
    public void TryAdmit_ASourceGetsSixtyNewCallsPerMinute()
    {
        var admission = Admission(maxCalls: 10_000);
        var admitted = 0;
        for (var i = 0; i < 200; i++)
        {
            if (admission.TryAdmit(Invite(), Attacker, out var party) is null) admitted++;
            admission.Release(party);
        }

        Assert.Equal(60, admitted);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(admission.TryAdmit(Invite(), Attacker, out _));
        Assert.Equal(140, admission.Refused);
    }

    [Fact]
    public void TryAdmit_BehindAProxy_LimitsEachCallerNumber_486_NotTheProxy()
    {
        var admission = Admission(maxCalls: 100);

        var same = Admit(admission, Kamailio, 3, "13800000000");
        var others = Enumerable.Range(0, 50).Select(i => admission.TryAdmit(Invite($"1390000{i:0000}"), Kamailio, out _)).ToList();

        Assert.Equal(2, same.Count(p => p.Refusal is null));
        Assert.Equal(486, same.Last().Refusal!.StatusCode);
        Assert.All(others, Assert.Null);
    }

    [Fact]
    public void TryAdmit_BehindAProxy_TenNewCallsPerMinutePerCallerNumber_AnonymousNotLimited()
    {
        var admission = Admission(maxCalls: 100);
        var admitted = 0;
        for (var i = 0; i < 20; i++)
        {
            if (admission.TryAdmit(Invite("13800000000"), Kamailio, out var party) is null) admitted++;
            admission.Release(party);
        }

        Assert.Equal(10, admitted);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Null(admission.TryAdmit(Invite("anonymous"), Kamailio, out _)));
    }

    [Fact]
    public void Refusals_AreLoggedOncePerPartyPerMinute_CallerNumbersMasked()
    {
        var admission = Admission(maxCalls: 100);
        Admit(admission, Kamailio, 10, "13812345678");
        Admit(admission, Attacker, 30);
        _time.Advance(TimeSpan.FromSeconds(61));

        admission.TryAdmit(Invite(), Caller, out _);

        Assert.Equal(2, _log.Warnings.Count);
        Assert.Contains(_log.Warnings, l => l.Contains("refused 8 calls from caller 138*****678"));
        Assert.Contains(_log.Warnings, l => l.Contains("refused 10 calls from source 127.0.0.2"));
        Assert.DoesNotContain(_log.All, l => l.Contains("13812345678"));
    }

    [Fact]
    public void None_LimitsNothing()
    {
        var admission = new CallAdmission(CallLimits.None, 100, 30, TrustedSources.None, _time, _log);

        Assert.All(Admit(admission, Attacker, 100), p => Assert.Null(p.Refusal));
    }

    [Fact]
    public void TryAdmit_CallsHeldFromOneSource_ShareOneParty_NamedByTheAddress()
    {
        var admission = Admission(maxCalls: 100);
        var parties = Admit(admission, Attacker, 3).Select(p => p.Party!).ToList();

        Assert.Equal("source 127.0.0.2", parties[0]);
        Assert.All(parties, p => Assert.Same(parties[0], p));
        Assert.Equal("source 2001:db8::7", Admit(admission, Udp("2001:db8::7"), 1).Single().Party);
        Assert.Equal("source 127.0.0.9", Admit(admission, Udp("::ffff:127.0.0.9"), 1).Single().Party);
    }

    private CallAdmission Admission(int maxCalls) =>
        new(CallLimits.Default, maxCalls, 30, Proxies, _time, _log);

    private static List<(SipRejection? Refusal, string? Party)> Admit(CallAdmission admission, SipEndPoint source, int calls, string caller = "13800000000") =>
        [.. Enumerable.Range(0, calls).Select(_ => (admission.TryAdmit(Invite(caller), source, out var party), party))];

    private static SipRequest Invite(string caller = "13800000000") =>
        (SipRequest)TestMessages.Parse(SipSerializer.ToText(TestMessages.Request("INVITE")).Replace("13800000000", caller));
}
