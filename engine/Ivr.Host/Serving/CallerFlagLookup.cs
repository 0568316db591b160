using Ivr.Core.Privacy;
using Ivr.Data;
using Ivr.Data.Callers;

namespace Ivr.Host.Serving;

/// <summary>
/// The flag of a caller number, looked up once as a call starts (<c>caller.flagged</c>, <c>caller.flag_reason</c>).
/// Bounded by <see cref="Limit"/>: a lookup that fails or does not answer in time counts as not flagged and is logged
/// (masked number) — a caller is never held up or refused because the flag could not be read. With an
/// <paramref name="index"/> (as <c>ivr serve</c> has, <see cref="CallerFlagFollower"/>) the flags held in memory answer and
/// no database is asked.
/// </summary>
public sealed class CallerFlagLookup(IvrDatabase database, TimeProvider time, Action<string> log, CallerFlagIndex? index = null)
{
    public static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    /// <returns>The reason class of the number's active flag, or null.</returns>
    public string? ReasonFor(string caller)
    {
        if (MissedCallRule.IsWithheld(caller)) return null;
        if (index is not null) return index.ReasonFor(caller, time.GetUtcNow());
        try
        {
            var lookup = FindAsync(caller);
            if (lookup.Wait(Limit)) return lookup.Result;
            log($"caller flags: no answer within {Limit.TotalMilliseconds:0} ms for {Mask.Phone(caller)}; the call goes on as not flagged");
        }
        catch (Exception ex)
        {
            log($"caller flags: lookup for {Mask.Phone(caller)} failed ({(ex as AggregateException)?.InnerException?.GetType().Name ?? ex.GetType().Name}); the call goes on as not flagged");
        }

        return null;
    }

    private async Task<string?> FindAsync(string caller)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        return (await new CallerFlagRepository(connection).ActiveAsync(caller, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))?.ReasonClass;
    }
}
