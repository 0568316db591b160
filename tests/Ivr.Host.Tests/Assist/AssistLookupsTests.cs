using Ivr.Core.Handoffs;
using Ivr.Core.Lookups;
using Ivr.Host.Assist;
using Ivr.Telephony.Transfers;

namespace Ivr.Host.Tests.Assist;

public sealed class AssistLookupsTests
{
    private static readonly TransferTargets Pbx = new(new Dictionary<string, string>(), trustedPbx: ["pbx.example", "10.0.0.5"]);
    private readonly Tokens _tokens = new();
    private readonly List<string> _log = [];

    [Theory]
    [InlineData("<sip:agent1001@pbx.example>", "verify", "agent1001", "sip:agent1001@pbx.example", "verify")]
    [InlineData("sip:agent1001@10.0.0.5:5060;transport=udp", "LOSS_REPORT", "agent1001", "sip:agent1001@10.0.0.5:5060;transport=udp", "loss_report")]
    [InlineData(" <sip:2002@pbx.example> ", "pin_change", "2002", "sip:2002@pbx.example", "pin_change")]
    [InlineData("<sip:agent1001@pbx.example>", "", "agent1001", "sip:agent1001@pbx.example", "verify")]
    [InlineData("<sip:agent1001@pbx.example>", "drop_tables", "agent1001", "sip:agent1001@pbx.example", "verify")]
    public async Task CheckReturn_TrustedSipUri_Ok(string returnTo, string purpose, string agent, string uri, string normalized)
    {
        var result = await Create().ExecuteAsync(AssistLookups.CheckReturn, new Dictionary<string, string> { ["return_to"] = returnTo, ["purpose"] = purpose }, default);

        Assert.Equal(LookupResult.Ok, result.Outcome);
        Assert.Equal((agent, uri, normalized), (result.Outputs["agent"], result.Outputs["return_uri"], result.Outputs["purpose"]));
    }

    [Theory]
    [InlineData("", "missing")]
    [InlineData("   ", "missing")]
    [InlineData("agent1001", "malformed")]
    [InlineData("<sip:@pbx.example>", "malformed")]
    [InlineData("tel:+8612333", "malformed")]
    [InlineData("<sip:pbx.example>", "malformed")]
    [InlineData("<sip:agent1001@evil.example>", "untrusted")]
    [InlineData("<sip:agent1001@pbx.example.evil.example>", "untrusted")]
    public async Task CheckReturn_BadReturn_Refused(string returnTo, string outcome)
    {
        var result = await Create().ExecuteAsync(AssistLookups.CheckReturn, new Dictionary<string, string> { ["return_to"] = returnTo, ["purpose"] = "verify" }, default);

        Assert.Equal(outcome, result.Outcome);
    }

    [Fact]
    public async Task CheckReturn_NoTrustedPbxConfigured_Untrusted()
    {
        var lookups = new AssistLookups(new Inner(), null, _tokens, _log.Add);

        var result = await lookups.ExecuteAsync(AssistLookups.CheckReturn, new Dictionary<string, string> { ["return_to"] = "<sip:a@pbx.example>" }, default);

        Assert.Equal("untrusted", result.Outcome);
    }

    [Fact]
    public async Task SaveResult_StoresTheClearIdForTheAgent_AnswersTheTokenAndTheMaskedId()
    {
        var result = await Create().ExecuteAsync(AssistLookups.SaveResult, new Dictionary<string, string>
        {
            ["call_id"] = "c1", ["agent"] = "agent1001", ["return_to"] = "sip:agent1001@pbx.example", ["purpose"] = "loss_report",
            ["result"] = "verified", ["id"] = "11010519491231002X",
        }, default);

        Assert.Equal(LookupResult.Ok, result.Outcome);
        Assert.Equal(("token-1", "110105********002X"), (result.Outputs["token"], result.Outputs["id_masked"]));
        var stored = Assert.Single(_tokens.Issued);
        Assert.Equal((HandoffKinds.AssistResult, "c1", "agent1001"), (stored.Kind, stored.CallId, stored.Agent));
        Assert.Equal("11010519491231002X", stored.Values["id_number"]);
        Assert.Equal(("verified", "loss_report"), (stored.Values["result"], stored.Values["purpose"]));
        Assert.DoesNotContain(stored.Values.Keys, k => k.Contains("pin"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("approved")]
    public async Task SaveResult_UnknownResult_Error(string outcome)
    {
        var result = await Create().ExecuteAsync(AssistLookups.SaveResult, new Dictionary<string, string> { ["result"] = outcome }, default);

        Assert.Equal(LookupResult.Error, result.Outcome);
        Assert.Empty(_tokens.Issued);
    }

    [Fact]
    public async Task SaveResult_StoreFails_ErrorLoggedWithoutInputs()
    {
        _tokens.Fail = true;

        var result = await Create().ExecuteAsync(AssistLookups.SaveResult, new Dictionary<string, string> { ["result"] = "failed", ["id"] = "11010519491231002X" }, default);

        Assert.Equal(LookupResult.Error, result.Outcome);
        Assert.Equal(["lookup assist.save_result failed: InvalidOperationException"], _log);
    }

    [Fact]
    public async Task OtherOperations_GoToTheService()
    {
        var result = await Create().ExecuteAsync("pension.summary", new Dictionary<string, string>(), default);

        Assert.Equal("inner", result.Outcome);
    }

    private AssistLookups Create() => new(new Inner(), Pbx, _tokens, _log.Add);

    private sealed class Inner : ILookupService
    {
        public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation) =>
            ValueTask.FromResult(LookupResult.Of("inner"));
    }

    private sealed class Tokens : IHandoffTokens
    {
        public List<Handoff> Issued { get; } = [];

        public bool Fail { get; set; }

        public Task<string> IssueAsync(Handoff handoff, CancellationToken cancellation)
        {
            if (Fail) throw new InvalidOperationException("database down");
            Issued.Add(handoff);
            return Task.FromResult($"token-{Issued.Count}");
        }
    }
}
