using Ivr.Core.Privacy;

namespace Ivr.Data.Security;

/// <summary>One PIN lockout and where it came from (<c>pin_lock_origins</c>): the call, the caller number as a key
/// and masked, the SIP source address when known (null otherwise), the ID as a key and masked. Nothing in clear.</summary>
public sealed record PinLockOrigin(
    DateTimeOffset At, string CallId, string CallerKey, string CallerMasked, string? Source, string SubjectKey, string SubjectMasked)
{
    /// <summary>The origin of a lock of <paramref name="subject"/> by a check from <paramref name="callerNumber"/>.</summary>
    public static PinLockOrigin Of(HashKey key, DateTimeOffset at, string callId, string callerNumber, string? source, string subject)
        => new(at, callId, PinCallerKey.Of(key, callerNumber), Mask.Phone(callerNumber), string.IsNullOrEmpty(source) ? null : source,
            PinSubjectKey.Of(key, subject), Mask.ResidentId(subject));
}
