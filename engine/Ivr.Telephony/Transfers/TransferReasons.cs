using Ivr.Sip.Refer;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// The names of transfer outcomes as flows see them (<c>transfer_failure</c>, the call's events, replay scripts):
/// the one place where the typed <see cref="SipReferResult"/> becomes a string.
/// </summary>
internal static class TransferReasons
{
    /// <summary>No transfer targets are configured, or the caller's side cannot transfer (405/501 to the REFER).</summary>
    public const string NotSupported = "not_supported";

    /// <summary>The flow named a queue that is not configured.</summary>
    public const string NoQueue = "no_queue";

    /// <summary>Another transfer of the call is still running.</summary>
    public const string InProgress = "in_progress";

    public const string Rejected = "rejected";

    public static string Of(SipReferResult result) => result switch
    {
        SipReferResult.Answered => "answered",
        SipReferResult.Busy => "busy",
        SipReferResult.NoAnswer => "no_answer",
        SipReferResult.Rejected => Rejected,
        SipReferResult.NotSupported => NotSupported,
        SipReferResult.Timeout => "timeout",
        SipReferResult.CallEnded => "call_ended",
        SipReferResult.NotConfirmed => "not_confirmed",
        SipReferResult.InProgress => InProgress,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "an unknown REFER result"),
    };
}
