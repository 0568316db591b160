namespace Ivr.Data.Security;

/// <summary>
/// The per-ID lockout, escalating so that it protects the ID without being a one-call denial of
/// service for its holder: every <see cref="FailuresPerStep"/> wrong PINs within <see cref="Window"/>
/// lock the subject's PIN (for lookups and card services) for longer — 15 minutes after the 3rd,
/// 1 hour after the 6th, and from the 9th until a verified unlock (<see cref="UntilUnlocked"/>: an
/// agent in the console, after an identity check). State lives in the database, so a restart does
/// not unlock; time comes only from the injected provider. A correct PIN or an unlock clears the
/// failures; failures older than the window no longer count.
/// </summary>
public sealed class PinLockout(TimeProvider time)
{
    public const int FailuresPerStep = 3;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The lock of the last step: it ends only when an agent unlocks it.</summary>
    public static readonly DateTimeOffset UntilUnlocked = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long the 1st, 2nd … step locks; beyond the list, until unlocked.</summary>
    public static readonly IReadOnlyList<TimeSpan> StepDelays = [TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>When the subject's lock ends, or null when it is not locked now.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(PinLockStore store, string subject, CancellationToken cancellation)
    {
        var until = await store.LockedUntilAsync(subject, cancellation).ConfigureAwait(false);
        return until > _time.GetUtcNow() ? until : null;
    }

    public async Task<PinFailureResult> RecordFailureAsync(PinLockStore store, string subject, CancellationToken cancellation)
    {
        var now = _time.GetUtcNow();
        await store.AddFailureAsync(subject, now, cancellation).ConfigureAwait(false);
        var failures = await store.CountFailuresSinceAsync(subject, now - Window, cancellation).ConfigureAwait(false);
        if (failures % FailuresPerStep != 0) return new PinFailureResult(FailuresPerStep - failures % FailuresPerStep, null);

        var until = LockEnd(now, failures / FailuresPerStep);
        await store.LockAsync(subject, until, cancellation).ConfigureAwait(false);
        return new PinFailureResult(0, until);
    }

    public Task RecordSuccessAsync(PinLockStore store, string subject, CancellationToken cancellation)
        => store.ClearFailuresAsync(subject, cancellation);

    /// <summary>When the <paramref name="step"/>-th lock (1-based) that starts at <paramref name="now"/> ends.</summary>
    public static DateTimeOffset LockEnd(DateTimeOffset now, int step)
        => step <= StepDelays.Count ? now + StepDelays[step - 1] : UntilUnlocked;
}
