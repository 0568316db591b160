namespace Ivr.Sip.Auth;

/// <summary>
/// Parses <c>Digest</c> challenges (RFC 2617 §3.2.1, RFC 7616 §3.3): <c>"Digest" LWS auth-param *("," auth-param)</c>,
/// values as tokens or quoted strings. Unknown parameters are ignored (§3.2.1: "MUST be ignored"); a missing realm
/// or nonce, an unknown algorithm, another scheme or broken quoting fail with a reason. Never throws.
/// </summary>
internal static class DigestChallengeParser
{
    public static ParseResult<DigestChallenge> Parse(string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        var space = text.IndexOfAny([' ', '\t']);
        var scheme = space < 0 ? text : text[..space];
        if (!string.Equals(scheme, "Digest", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<DigestChallenge>.Fail(scheme.Length == 0 ? "empty challenge" : $"unsupported authentication scheme '{scheme}'");
        }

        var parameters = AuthParameters.Parse(space < 0 ? string.Empty : text[(space + 1)..]);
        if (!parameters.IsSuccess)
        {
            return ParseResult<DigestChallenge>.Fail(parameters.Error!);
        }

        var map = parameters.Value!;
        if (!map.TryGetValue("realm", out var realm))
        {
            return ParseResult<DigestChallenge>.Fail("the challenge has no realm");
        }

        if (!map.TryGetValue("nonce", out var nonce) || nonce.Length == 0)
        {
            return ParseResult<DigestChallenge>.Fail("the challenge has no nonce");
        }

        map.TryGetValue("algorithm", out var algorithmName);
        if (DigestAlgorithm.FromName(algorithmName) is not { } algorithm)
        {
            return ParseResult<DigestChallenge>.Fail($"unsupported digest algorithm '{algorithmName}'");
        }

        var qop = map.TryGetValue("qop", out var q)
            ? q.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return ParseResult<DigestChallenge>.Ok(new DigestChallenge(realm, nonce, algorithm)
        {
            Opaque = map.GetValueOrDefault("opaque"),
            QopOptions = qop,
            Stale = string.Equals(map.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase),
        });
    }
}
