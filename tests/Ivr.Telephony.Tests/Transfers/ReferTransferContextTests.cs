using System.Collections.Concurrent;
using Ivr.Core.Channel;
using Ivr.Core.Handoffs;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Telephony.Tests.TestSupport;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Transfers;

/// <summary>The context token of a transfer: issued before the REFER, carried on it and in its Refer-To.</summary>
public sealed class ReferTransferContextTests
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly TransferTargets _targets = new(new Dictionary<string, string> { ["general"] = "sip:agents@127.0.0.1:5070" }, trustedPbx: ["pbx.example"]);
    private (SipUri Target, IReadOnlyList<SipHeader> Headers)? _referred;

    [Fact]
    public async Task TokenIssued_OnTheReferAndInItsReferTo_StoredWithTheMaskedContext()
    {
        var tokens = new Tokens(_ => Task.FromResult("0123456789abcdef0123456789abcdef"));

        Create(tokens).Start(new TransferRequest("general", new Dictionary<string, string> { ["path"] = "main>agent", ["identity"] = "110101********1234" }));

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:True:answered")));
        var (target, headers) = _referred!.Value;
        Assert.Contains(new SipHeader("X-Ivr-Context", "0123456789abcdef0123456789abcdef"), headers);
        Assert.Contains(new SipParameter("X-Ivr-Context", "0123456789abcdef0123456789abcdef"), target.Headers);
        Assert.Contains(new SipParameter("X-Ivr-Path", "main>agent"), target.Headers);
        var issued = Assert.Single(tokens.Issued);
        Assert.Equal((HandoffKinds.TransferContext, "c1", (string?)null), (issued.Kind, issued.CallId, issued.Agent));
        Assert.Equal("general", issued.Values["queue"]);
        Assert.Equal("110101********1234", issued.Values["identity"]);
    }

    [Fact]
    public async Task TokenStoreFails_TransferGoesOnWithoutIt()
    {
        var tokens = new Tokens(_ => Task.FromException<string>(new InvalidOperationException("database down")));

        Create(tokens).Start(new TransferRequest("general", new Dictionary<string, string>()));

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:True:answered")));
        Assert.DoesNotContain(_referred!.Value.Headers, h => h.Name == "X-Ivr-Context");
        Assert.Equal([new SipParameter("X-Ivr-Queue", "general")], _referred!.Value.Target.Headers);
    }

    [Fact]
    public async Task TokenStoreHangs_TransferGoesOnAfterTheTimeLimit()
    {
        var tokens = new Tokens(_ => new TaskCompletionSource<string>().Task); // never answers, whatever the cancellation

        Create(tokens).Start(new TransferRequest("general", new Dictionary<string, string>()));

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:True:answered"), 10 + ReferTransfer.TokenTimeLimit.TotalSeconds));
        Assert.DoesNotContain(_referred!.Value.Headers, h => h.Name == "X-Ivr-Context");
    }

    [Fact]
    public async Task Target_OnATrustedPbx_ReferredThereWithTheResultInTheReferTo()
    {
        var request = new TransferRequest("agent_return", new Dictionary<string, string> { ["auth_result"] = "verified" }) { Target = "<sip:agent1001@pbx.example>" };

        Create(new Tokens(_ => Task.FromResult("0123456789abcdef0123456789abcdef"))).Start(request);

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:True:answered")));
        var (target, headers) = _referred!.Value;
        Assert.Equal(("agent1001", "pbx.example"), (target.User, target.Host));
        Assert.Contains(new SipParameter("X-Ivr-Auth-Result", "verified"), target.Headers);
        Assert.Contains(new SipHeader("X-Ivr-Queue", "agent_return"), headers);
    }

    [Theory]
    [InlineData("<sip:agent1001@evil.example>")]
    [InlineData("agent1001")]
    [InlineData("")]
    public async Task Target_NotOnATrustedPbx_UntrustedWithoutAnyRefer(string target)
    {
        Create(new Tokens(_ => Task.FromResult("x"))).Start(new TransferRequest("agent_return", new Dictionary<string, string>()) { Target = target });

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:False:untrusted")));
        Assert.Null(_referred);
    }

    private ReferTransfer Create(IHandoffTokens tokens) => new("c1", _targets,
        (target, headers, _) =>
        {
            _referred = (target, headers);
            return Task.FromResult(new SipReferOutcome(SipReferResult.Answered, 200));
        },
        r => _events.Enqueue($"transfer:{r.Succeeded}:{r.Reason}"), () => { }, _ => { }, handoffs: tokens);

    private sealed class Tokens(Func<CancellationToken, Task<string>> issue) : IHandoffTokens
    {
        public ConcurrentBag<Handoff> Issued { get; } = [];

        public Task<string> IssueAsync(Handoff handoff, CancellationToken cancellation)
        {
            Issued.Add(handoff);
            return issue(cancellation);
        }
    }
}
