using Ivr.Data.Security;

namespace Ivr.Data.Accounts;

/// <summary>
/// Console passwords as salted PBKDF2-HMAC-SHA256 hashes (RFC 8018 §5.2), in the same
/// self-describing format as the hotline PINs (<see cref="PinHasher"/>), at a higher cost:
/// passwords are typed rarely and must resist an offline search far better than a 6-digit PIN.
/// </summary>
public sealed class PasswordHasher(int iterations)
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int ProductionIterations = 600_000;

    public const int MinLength = 10;
    public const int MaxLength = 200;

    public static readonly PasswordHasher Production = new(ProductionIterations);

    private readonly PinHasher _hasher = new(iterations);

    /// <summary>Null when the password is acceptable, else why not (for the person choosing it).</summary>
    public static string? Weakness(string? password) => password switch
    {
        null or "" => "the password is empty",
        { Length: < MinLength } => $"the password must have at least {MinLength} characters",
        { Length: > MaxLength } => $"the password must have at most {MaxLength} characters",
        _ when password.Trim().Length == 0 => "the password is only spaces",
        _ => null,
    };

    public string Hash(string password)
    {
        if (Weakness(password) is { } weakness) throw new ArgumentException(weakness, nameof(password));
        return _hasher.Hash(password);
    }

    /// <summary>Constant-time check; a missing hash still costs one derivation.</summary>
    public bool Verify(string password, string? stored) => _hasher.Verify(password ?? "", stored);

    /// <summary>Spends one verification's time for an unknown user, so timing does not tell which names exist.</summary>
    public void VerifyDecoy(string password) => _hasher.VerifyDecoy(password ?? "");
}
