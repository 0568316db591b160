namespace Ivr.Core.Handoffs;

/// <summary>
/// One-time tokens that hand a call's details to the agent desktop (console <c>GET /api/transfer-contexts/{token}</c>,
/// <c>GET /api/assist-results/{token}</c>): what travels in SIP is the token, what it stands for stays in the
/// database (all nodes share it), readable once, for <see cref="HandoffKinds.Lifetime"/>.
/// </summary>
public interface IHandoffTokens
{
    /// <summary>Stores <paramref name="handoff"/> under a new token and returns the token.</summary>
    Task<string> IssueAsync(Handoff handoff, CancellationToken cancellation);
}

/// <summary>What a token stands for: its kind, the call, the agent it is meant for (null: any agent) and the values.</summary>
public sealed record Handoff(string Kind, string CallId, string? Agent, IReadOnlyDictionary<string, string> Values);

public static class HandoffKinds
{
    /// <summary>The context of a transfer to an agents' queue (masked values only).</summary>
    public const string TransferContext = "transfer_context";

    /// <summary>The result of an IVR-assisted verification for the agent who sent the caller (the clear ID only here).</summary>
    public const string AssistResult = "assist_result";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
}
