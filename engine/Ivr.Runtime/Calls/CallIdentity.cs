using Ivr.Core.Channel;

namespace Ivr.Runtime.Calls;

/// <summary>Who called which number. <see cref="Caller"/> is in clear and never leaves the session unmasked.
/// <see cref="FlagReason"/>: the reason class of the caller number's flag, looked up once when the call started
/// (null: not flagged, or the lookup failed); flows read it as <c>caller.flagged</c> and <c>caller.flag_reason</c>.</summary>
public sealed record CallIdentity(string CallId, string Caller, string Dialled, string? FlagReason = null)
{
    /// <summary>What the agents' PBX sent with the call (<c>X-Ivr-Return</c>, <c>X-Ivr-Purpose</c>, see
    /// <see cref="AssistHeaders"/>): the flow reads them as <c>call.return_to</c> and <c>call.purpose</c>, "" when absent.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = AssistHeaders.None;

    /// <summary>The SIP source address of the call when it did not come through a listed proxy (null otherwise, and in
    /// replays and try-calls): lookups get it as the input <c>source</c> (the PIN alerts count locks per source).</summary>
    public string? Source { get; init; }
}
