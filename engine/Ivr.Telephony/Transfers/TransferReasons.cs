using Ivr.Sip.Refer;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// The names of transfer outcomes as flows see them (<c>transfer_failure</c>, the call's events, replay scripts):
/// the one place where the typed <see cref="SipReferResult"/> becomes a string.
/// </summary>
internal static class TransferReasons
{
    /// <summary>The flow named a queue that is not configured (no REFER was tried).</summary>
    public const string NoQueue = "no_queue";

    /// <summary>The flow named a target (<c>to:</c>) that is not a SIP URI on a trusted PBX host (no REFER was tried).</summary>
    public const string Untrusted = "untrusted";

    public static string Of(SipReferResult result) => result switch
    {
        SipReferResult.Answered => "answered",
        SipReferResult.Busy => "busy",
        SipReferResult.NoAnswer => "no_answer",
        SipReferResult.Rejected => "rejected",
        SipReferResult.NotSupported => "not_supported",
        SipReferResult.Timeout => "timeout",
        SipReferResult.CallEnded => "call_ended",
        SipReferResult.NotConfirmed => "not_confirmed",
        SipReferResult.InProgress => "in_progress",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "an unknown REFER result"),
    };
}
