using Ivr.Core.Handoffs;
using Ivr.Core.Lookups;
using Ivr.Core.Privacy;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Transfers;

namespace Ivr.Host.Assist;

/// <summary>
/// The lookups of an IVR-assisted check (flows/agent_assist.yaml, issue 16) in front of the service's other
/// operations (<paramref name="inner"/>):
/// <list type="bullet">
/// <item><c>assist.check_return</c> (<c>return_to</c>, <c>purpose</c>): <c>ok</c> with <c>agent</c> (the URI's user part),
/// <c>return_uri</c> and <c>purpose</c> (verify, loss_report or pin_change; anything else is verify) when the return
/// URI is a SIP URI on a trusted PBX host; otherwise <c>missing</c>, <c>malformed</c> or <c>untrusted</c>.</item>
/// <item><c>assist.save_result</c> (<c>call_id</c>, <c>agent</c>, <c>return_to</c>, <c>purpose</c>, <c>result</c>, <c>id</c>):
/// stores the result for the agent (a one-time token, <see cref="HandoffKinds.AssistResult"/>) and answers <c>ok</c>
/// with <c>token</c> and <c>id_masked</c>. The clear ID goes only into the store; a PIN is never an input.</item>
/// </list>
/// Inputs are never logged.
/// </summary>
public sealed class AssistLookups(ILookupService inner, TransferTargets? targets, IHandoffTokens tokens, Action<string> log) : ILookupService
{
    public const string CheckReturn = "assist.check_return";
    public const string SaveResult = "assist.save_result";

    public static IReadOnlyList<string> Operations { get; } = [CheckReturn, SaveResult];

    public static IReadOnlyList<string> Purposes { get; } = ["verify", "loss_report", "pin_change"];

    public static IReadOnlyList<string> Results { get; } = ["verified", "failed", "locked", "abandoned"];

    public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation) => operation switch
    {
        CheckReturn => ValueTask.FromResult(Check(inputs)),
        SaveResult => SaveAsync(inputs, cancellation),
        _ => inner.ExecuteAsync(operation, inputs, cancellation),
    };

    private LookupResult Check(IReadOnlyDictionary<string, string> inputs)
    {
        var text = inputs.GetValueOrDefault("return_to", "").Trim();
        if (text.Length == 0) return LookupResult.Of("missing");
        var bare = text.StartsWith('<') && text.EndsWith('>') ? text[1..^1] : text;
        if (Ivr.Sip.Message.SipUri.Parse(bare) is not { IsSuccess: true, Value: { IsSip: true } uri } || CallAddressing.UserOf(uri) is not { } agent)
            return LookupResult.Of("malformed");
        if (targets?.TrustedTarget(bare) is null) return LookupResult.Of("untrusted");
        return LookupResult.Success(new Dictionary<string, string>
        {
            ["agent"] = agent,
            ["return_uri"] = uri.ToString(),
            ["purpose"] = PurposeOf(inputs),
        });
    }

    private async ValueTask<LookupResult> SaveAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var result = inputs.GetValueOrDefault("result", "");
        if (!Results.Contains(result)) return LookupResult.Of(LookupResult.Error);
        var id = inputs.GetValueOrDefault("id", "");
        var masked = id.Length == 0 ? "" : Mask.ResidentId(id);
        var callId = inputs.GetValueOrDefault("call_id", "");
        var values = new Dictionary<string, string>
        {
            ["result"] = result,
            ["purpose"] = PurposeOf(inputs),
            ["id_number"] = id,
            ["id_masked"] = masked,
            ["return_to"] = inputs.GetValueOrDefault("return_to", ""),
        };
        try
        {
            var token = await tokens.IssueAsync(new Handoff(HandoffKinds.AssistResult, callId, inputs.GetValueOrDefault("agent"), values), cancellation).ConfigureAwait(false);
            return LookupResult.Success(new Dictionary<string, string> { ["token"] = token, ["id_masked"] = masked });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return LookupResult.Of(LookupResult.Timeout);
        }
        catch (Exception ex)
        {
            log($"lookup {SaveResult} failed: {ex.GetType().Name}");
            return LookupResult.Of(LookupResult.Error);
        }
    }

    private static string PurposeOf(IReadOnlyDictionary<string, string> inputs) =>
        inputs.GetValueOrDefault("purpose", "").Trim().ToLowerInvariant() is var p && Purposes.Contains(p) ? p : "verify";
}
