namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Signs people in and out and recognises their sessions. A session ends after
/// <see cref="ConsoleOptions.SessionIdleTimeout"/> without a request and
/// <see cref="ConsoleOptions.SessionAbsoluteTimeout"/> after sign-in, whatever happens; a disabled
/// user's sessions end at once. Times come from the injected clock.
/// </summary>
internal sealed class SessionService(IvrDatabase database, TimeProvider time, ConsoleOptions options, SignInLimiter limiter)
{
    /// <summary>Requests closer together than this do not rewrite the session's last-seen time.</summary>
    private static readonly TimeSpan TouchGranularity = TimeSpan.FromSeconds(10);

    public async Task<SignInResult> SignInAsync(string name, string password, string ip, CancellationToken cancellation)
    {
        if (await limiter.BlockedForAsync(name, ip, cancellation) is { } wait)
            return new SignInResult(SignInOutcome.TooManyAttempts, RetryAfter: wait);

        await using var connection = await database.OpenConnectionAsync(cancellation);
        var users = new ConsoleUserRepository(connection);
        var user = UserNames.IsValid(name) ? await users.FindAsync(name, cancellation) : null;
        bool valid;
        if (user is null)
        {
            options.Passwords.VerifyDecoy(password);
            valid = false;
        }
        else
        {
            valid = options.Passwords.Verify(password, user.PasswordHash) && !user.Disabled;
        }

        if (!valid)
        {
            await limiter.FailedAsync(name, ip, cancellation);
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }

        await limiter.SucceededAsync(name, ip, cancellation);
        var now = time.GetUtcNow();
        var token = SessionTokens.New();
        var csrf = SessionTokens.New();
        var sessions = new ConsoleSessionRepository(connection);
        await sessions.DeleteExpiredAsync(now - options.SessionIdleTimeout, now - options.SessionAbsoluteTimeout, cancellation);
        await sessions.InsertAsync(SessionTokens.Hash(token), user!.Id, csrf, now, ip, cancellation);
        await users.SetLastSignInAsync(user.Id, now, cancellation);
        return new SignInResult(SignInOutcome.SignedIn, token, new ConsoleSession(SessionTokens.Hash(token), user, csrf, now, now, ip));
    }

    /// <summary>The live session of a cookie token, its idle time renewed; null when unknown, expired (then removed) or its user disabled.</summary>
    public async Task<ConsoleSession?> ResumeAsync(string? token, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = SessionTokens.Hash(token);
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var sessions = new ConsoleSessionRepository(connection);
        var session = await sessions.FindAsync(hash, cancellation);
        if (session is null) return null;
        var now = time.GetUtcNow();
        if (session.User.Disabled || now - session.LastSeenAt > options.SessionIdleTimeout || now - session.CreatedAt > options.SessionAbsoluteTimeout)
        {
            await sessions.DeleteAsync(hash, cancellation);
            return null;
        }

        if (now - session.LastSeenAt < TouchGranularity) return session;
        await sessions.TouchAsync(hash, now, cancellation);
        return session with { LastSeenAt = now };
    }

    public DateTimeOffset IdleExpiry(ConsoleSession session) => Min(session.LastSeenAt + options.SessionIdleTimeout, AbsoluteExpiry(session));

    public DateTimeOffset AbsoluteExpiry(ConsoleSession session) => session.CreatedAt + options.SessionAbsoluteTimeout;

    public async Task SignOutAsync(ConsoleSession session, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await new ConsoleSessionRepository(connection).DeleteAsync(session.TokenHash, cancellation);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
