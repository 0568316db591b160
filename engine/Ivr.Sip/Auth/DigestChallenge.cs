namespace Ivr.Sip.Auth;

/// <summary>
/// A Digest challenge from a WWW-Authenticate (401) or Proxy-Authenticate (407) header (RFC 3261 §22.4,
/// RFC 2617 §3.2.1, RFC 7616 §3.3): realm, nonce, opaque, algorithm, the qop options and stale.
/// </summary>
public sealed record DigestChallenge(string Realm, string Nonce, DigestAlgorithm Algorithm)
{
    public string? Opaque { get; init; }

    /// <summary>The qop options offered (e.g. "auth", "auth-int"); empty for an RFC 2069 style challenge.</summary>
    public IReadOnlyList<string> QopOptions { get; init; } = [];

    /// <summary>The previous request's nonce had expired, its credentials were right (RFC 7616 §3.3): retry with the new nonce.</summary>
    public bool Stale { get; init; }

    /// <summary>The server accepts qop=auth (we never use auth-int: the body is not hashed).</summary>
    public bool OffersAuth => QopOptions.Any(q => string.Equals(q, "auth", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses one header value; a clear error for anything that is not a usable Digest challenge.</summary>
    public static ParseResult<DigestChallenge> Parse(string? value) => DigestChallengeParser.Parse(value);
}
