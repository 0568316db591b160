namespace Ivr.Data.Accounts;

/// <summary>A signed-in session as stored: <see cref="TokenHash"/> is the SHA-256 of the cookie's token
/// (the token itself is never stored), <see cref="CsrfToken"/> the synchronizer token its pages send back.</summary>
public sealed record ConsoleSession(
    string TokenHash,
    ConsoleUser User,
    string CsrfToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    string Ip);
