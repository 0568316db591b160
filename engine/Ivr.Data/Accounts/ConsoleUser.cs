namespace Ivr.Data.Accounts;

/// <summary>A person who signs in to the operations console. <see cref="PasswordHash"/> is a salted PBKDF2 hash, never a password.</summary>
public sealed record ConsoleUser(
    long Id,
    string Name,
    ConsoleRole Role,
    string PasswordHash,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);
