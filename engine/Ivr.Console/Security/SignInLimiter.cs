using Ivr.Data;
using Ivr.Data.Accounts;

namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Limits password guessing: at most <see cref="ConsoleOptions.SignInAttempts"/> wrong passwords per
/// user name and per client address within a sliding <see cref="ConsoleOptions.SignInWindow"/>. Beyond
/// that, sign-in is refused before the password is even checked, until the oldest failure leaves the window.
/// </summary>
internal sealed class SignInLimiter(IvrDatabase database, TimeProvider time, ConsoleOptions options)
{
    public static string UserSubject(string name) => $"user:{name}";

    public static string IpSubject(string ip) => $"ip:{ip}";

    /// <returns>How long to wait, or null when a try is allowed now.</returns>
    public async Task<TimeSpan?> BlockedForAsync(IEnumerable<string> subjects, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var failures = new SignInFailureRepository(connection);
        TimeSpan? longest = null;
        foreach (var subject in subjects)
        {
            var recent = await failures.SinceAsync(subject, now - options.SignInWindow, cancellation);
            if (recent.Count < options.SignInAttempts) continue;
            // The try is allowed again when enough failures have left the window.
            var freedAt = recent[recent.Count - options.SignInAttempts] + options.SignInWindow;
            var wait = freedAt - now;
            if (wait <= TimeSpan.Zero) continue;
            if (longest is null || wait > longest) longest = wait;
        }
        return longest;
    }

    public async Task FailedAsync(IEnumerable<string> subjects, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var failures = new SignInFailureRepository(connection);
        foreach (var subject in subjects) await failures.AddAsync(subject, now, cancellation);
        await failures.PruneAsync(now - options.SignInWindow, cancellation);
    }

    public async Task SucceededAsync(string userSubject, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await new SignInFailureRepository(connection).ClearAsync(userSubject, cancellation);
    }
}
