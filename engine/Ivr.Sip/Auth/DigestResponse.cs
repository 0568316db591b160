using System.Globalization;
using System.Text;

namespace Ivr.Sip.Auth;

/// <summary>
/// Answers a <see cref="DigestChallenge"/> (RFC 2617 §3.2.2, RFC 7616 §3.4): the request-digest
/// <c>H(H(A1):nonce:nc:cnonce:qop:H(A2))</c> with qop=auth (<c>H(H(A1):nonce:H(A2))</c> for a challenge without
/// qop), A1 = <c>user:realm:password</c> (for "-sess": <c>H(user:realm:password):nonce:cnonce</c>), A2 =
/// <c>method:digest-uri</c>; and the Authorization / Proxy-Authorization header value carrying it.
/// </summary>
public static class DigestResponse
{
    /// <summary>The request-digest (lowercase hex) for one request.</summary>
    public static string Compute(DigestChallenge challenge, DigestCredentials credentials, string method, string digestUri, string cnonce, int nonceCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(credentials);
        var algorithm = challenge.Algorithm;
        var a1 = $"{credentials.Username}:{challenge.Realm}:{credentials.Password}";
        var ha1 = algorithm.Hash(a1);
        if (algorithm.IsSession)
        {
            ha1 = algorithm.Hash($"{ha1}:{challenge.Nonce}:{cnonce}");
        }

        var ha2 = algorithm.Hash($"{method}:{digestUri}");
        return challenge.OffersAuth
            ? algorithm.Hash($"{ha1}:{challenge.Nonce}:{NonceCount(nonceCount)}:{cnonce}:auth:{ha2}")
            : algorithm.Hash($"{ha1}:{challenge.Nonce}:{ha2}");
    }

    /// <summary>The credentials header value (RFC 7616 §3.4): username, realm, nonce, uri, response, algorithm, opaque, and qop/nc/cnonce when qop=auth.</summary>
    public static string CreateHeaderValue(DigestChallenge challenge, DigestCredentials credentials, string method, string digestUri, string cnonce, int nonceCount)
    {
        var response = Compute(challenge, credentials, method, digestUri, cnonce, nonceCount);
        var value = new StringBuilder("Digest ");
        value.Append("username=").Append(Quote(credentials.Username));
        value.Append(", realm=").Append(Quote(challenge.Realm));
        value.Append(", nonce=").Append(Quote(challenge.Nonce));
        value.Append(", uri=").Append(Quote(digestUri));
        value.Append(", response=").Append(Quote(response));
        value.Append(", algorithm=").Append(challenge.Algorithm.Name);
        if (challenge.Opaque is { } opaque)
        {
            value.Append(", opaque=").Append(Quote(opaque));
        }

        if (challenge.OffersAuth)
        {
            value.Append(", qop=auth, nc=").Append(NonceCount(nonceCount)).Append(", cnonce=").Append(Quote(cnonce));
        }

        return value.ToString();
    }

    /// <summary>A fresh client nonce: 16 random bytes as hex.</summary>
    public static string NewClientNonce() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>nc: 8 hex digits (RFC 2617 §3.2.2).</summary>
    private static string NonceCount(int count) => count.ToString("x8", CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
