namespace Ivr.Data.Security;

/// <summary>
/// The lockout rule: <see cref="MaxFailures"/> wrong PINs within <see cref="Window"/> lock the
/// subject's PIN — for lookups and card services — until the next 00:00 China time. State lives in
/// the database, so a restart does not unlock; time comes only from the injected provider.
/// A correct PIN clears the failures; a lock clears them too, so the next day starts afresh.
/// </summary>
public sealed class PinLockout(TimeProvider time)
{
    public const int MaxFailures = 3;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

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
        if (failures < MaxFailures) return new PinFailureResult(MaxFailures - failures, null);

        var until = ChinaTime.NextMidnight(now);
        await store.LockAsync(subject, until, cancellation).ConfigureAwait(false);
        await store.ClearFailuresAsync(subject, cancellation).ConfigureAwait(false);
        return new PinFailureResult(0, until);
    }

    public Task RecordSuccessAsync(PinLockStore store, string subject, CancellationToken cancellation)
        => store.ClearFailuresAsync(subject, cancellation);
}
