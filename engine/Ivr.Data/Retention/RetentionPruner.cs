namespace Ivr.Data.Retention;

/// <summary>
/// Applies a <see cref="RetentionPolicy"/> at one moment: every kind's cutoff is <c>now − its period</c>. Dry, it only
/// counts. Pruning first rolls up every ended call (<see cref="Rollups.RollupCatchUp"/>), so statistics
/// survive the events. Each kind deletes in batches of <see cref="PruneBatch.Size"/> rows per transaction. Call summaries,
/// rollups and every other table are never touched; handoff and assist tokens go once expired (<see cref="HandoffTokenPrune"/>); the PIN tables keep every row of an ID locked now (<see cref="PinRowPrune"/>, which finds them under the deployment's
/// <paramref name="hashKey"/>).
/// </summary>
public sealed class RetentionPruner(IvrDatabase database, string recordingsFolder, Security.HashKey hashKey, int batch = PruneBatch.Size)
{
    /// <param name="storedKeysUnkeyed">The database is not bound to a key yet (a dry run binds nothing): its PIN tables hold
    /// the unkeyed hashes the first start will re-key, so each is compared in the form it will have.</param>
    public async Task<RetentionCounts> CountAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellation, bool storedKeysUnkeyed = false)
    {
        Func<string, string> stored = storedKeysUnkeyed ? hashKey.Rekey : static key => key;
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return new RetentionCounts(
            await CallEventPrune.CountAsync(connection, Cutoff(now, policy.CallEvents), cancellation),
            await RecordingPrune.CountAsync(connection, Cutoff(now, policy.HandledRecordings), cancellation),
            await AccessLogPrune.CountAsync(connection, Cutoff(now, policy.AccessLog), cancellation),
            await FaxNumberPrune.CountAsync(connection, Cutoff(now, policy.FaxNumbers), cancellation))
        {
            PinAttempts = await PinRowPrune.CountAsync(connection, PinRowPrune.Attempts, Cutoff(now, policy.PinAttempts), now, hashKey, stored, cancellation),
            PinLockOrigins = await PinRowPrune.CountAsync(connection, PinRowPrune.Origins, Cutoff(now, policy.PinLockOrigins), now, hashKey, stored, cancellation),
            HandoffTokens = await HandoffTokenPrune.CountAsync(connection, DbTime.ToText(now), cancellation),
        };
    }

    public async Task<RetentionCounts> PruneAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellation)
    {
        // Statistics of a call come from its events until it is rolled up: roll up every ended call first.
        await Rollups.RollupCatchUp.RunAsync(database, cancellation);
        return new(
            await CallEventPrune.PruneAsync(database, Cutoff(now, policy.CallEvents), batch, cancellation),
            await RecordingPrune.PruneAsync(database, recordingsFolder, Cutoff(now, policy.HandledRecordings), DbTime.ToText(now), batch, cancellation),
            await AccessLogPrune.PruneAsync(database, Cutoff(now, policy.AccessLog), batch, cancellation),
            await FaxNumberPrune.PruneAsync(database, Cutoff(now, policy.FaxNumbers), batch, cancellation))
        {
            PinAttempts = await PinRowPrune.PruneAsync(database, PinRowPrune.Attempts, Cutoff(now, policy.PinAttempts), now, hashKey, batch, cancellation),
            PinLockOrigins = await PinRowPrune.PruneAsync(database, PinRowPrune.Origins, Cutoff(now, policy.PinLockOrigins), now, hashKey, batch, cancellation),
            HandoffTokens = await HandoffTokenPrune.PruneAsync(database, DbTime.ToText(now), batch, cancellation),
        };
    }

    private static string Cutoff(DateTimeOffset now, TimeSpan kept) => DbTime.ToText(now - kept);
}
