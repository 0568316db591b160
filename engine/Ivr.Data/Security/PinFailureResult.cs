namespace Ivr.Data.Security;

/// <summary>After a wrong PIN: how many tries remain, and until when the PIN is locked once none do.</summary>
public sealed record PinFailureResult(int TriesLeft, DateTimeOffset? LockedUntil)
{
    public bool Locked => LockedUntil is not null;
}
