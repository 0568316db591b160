namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Limits password guessing without letting anyone lock another person out. Wrong passwords are
/// counted per (user name, client address): after <see cref="ConsoleOptions.SignInAttempts"/> within
/// <see cref="ConsoleOptions.SignInWindow"/>, each further try waits <see cref="ConsoleOptions.SignInFirstDelay"/>
/// after the last failure, doubling with every failure up to <see cref="ConsoleOptions.SignInMaxDelay"/>.
/// A client address that tries many user names is stopped at <see cref="ConsoleOptions.SignInAttemptsPerAddress"/>.
/// Failures from one address never delay the same user at another address; a right password clears its pair.
/// Refused tries are not counted, so hammering does not prolong the wait.
/// </summary>
internal sealed class SignInLimiter(IvrDatabase database, TimeProvider time, ConsoleOptions options)
{
    public static string PairSubject(string name, string ip) => $"pair:{ip} {name}";

    public static string IpSubject(string ip) => $"ip:{ip}";

    /// <returns>How long to wait, or null when a try is allowed now.</returns>
    public async Task<TimeSpan?> BlockedForAsync(string name, string ip, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var failures = new SignInFailureRepository(connection);
        var since = now - options.SignInWindow;
        var pairWait = PairWait(await failures.SinceAsync(PairSubject(name, ip), since, cancellation), now);
        var addressWait = AddressWait(await failures.SinceAsync(IpSubject(ip), since, cancellation), now);
        var wait = Max(pairWait, addressWait);
        return wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(string name, string ip, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var failures = new SignInFailureRepository(connection);
        await failures.AddAsync(PairSubject(name, ip), now, cancellation);
        await failures.AddAsync(IpSubject(ip), now, cancellation);
        await failures.PruneAsync(now - options.SignInWindow, cancellation);
    }

    public async Task SucceededAsync(string name, string ip, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await new SignInFailureRepository(connection).ClearAsync(PairSubject(name, ip), cancellation);
    }

    /// <summary>The escalating delay of one pair: none for the first attempts, then first delay × 2^(failures − attempts), capped.</summary>
    internal TimeSpan PairWait(IReadOnlyList<DateTimeOffset> recent, DateTimeOffset now)
    {
        var extra = recent.Count - options.SignInAttempts;
        if (extra < 0) return TimeSpan.Zero;
        var delay = options.SignInFirstDelay.Ticks * Math.Pow(2, Math.Min(extra, 40));
        var capped = TimeSpan.FromTicks((long)Math.Min(delay, options.SignInMaxDelay.Ticks));
        return recent[^1] + capped - now;
    }

    /// <summary>An address over its cap waits until enough of its failures have left the window.</summary>
    private TimeSpan AddressWait(IReadOnlyList<DateTimeOffset> recent, DateTimeOffset now)
        => recent.Count < options.SignInAttemptsPerAddress
            ? TimeSpan.Zero
            : recent[recent.Count - options.SignInAttemptsPerAddress] + options.SignInWindow - now;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
