namespace Ivr.Data.Retention;

/// <summary>
/// Bounds on one prune transaction: at most <see cref="Size"/> rows (calls, for events) per commit, so a busy
/// database is never locked for long — calls go on writing between two batches.
/// </summary>
public static class PruneBatch
{
    public const int Size = 500;
}
