namespace Ivr.Sip.Auth;

/// <summary>
/// One outbound request's digest authentication (RFC 3261 §22.2–22.3, RFC 8760 §2.4): reads a 401
/// (WWW-Authenticate → Authorization) or 407 (Proxy-Authenticate → Proxy-Authorization), takes the first
/// challenge whose algorithm we support, and builds the credentials for the retried request, counting nc per
/// nonce. It refuses — the caller then reports the 401/407 as final — when there are no credentials, no usable
/// challenge, a challenge repeats a nonce we already answered without <c>stale=true</c> (the password was
/// wrong), or after <see cref="MaxAttempts"/> retries.
/// </summary>
public sealed class DigestChallengeAnswerer(DigestCredentials? credentials)
{
    public const int MaxAttempts = 4;

    private readonly HashSet<string> _answeredNonces = [];
    private readonly Dictionary<string, int> _nonceCounts = [];
    private int _attempts;

    /// <summary>Why the last <see cref="TryAnswer"/> refused; null when it answered.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// For a 401/407 to <paramref name="request"/>: the header (name, value) to put on the retried request, or
    /// null (see <see cref="Refusal"/>).
    /// </summary>
    public SipHeader? TryAnswer(SipResponse response, SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        var (challengeHeader, credentialsHeader) = response.StatusCode switch
        {
            401 => (SipHeaderNames.WwwAuthenticate, SipHeaderNames.Authorization),
            407 => (SipHeaderNames.ProxyAuthenticate, SipHeaderNames.ProxyAuthorization),
            _ => (null, null),
        };
        if (challengeHeader is null || credentialsHeader is null)
        {
            return Refuse($"{response.StatusCode} is not an authentication challenge");
        }

        if (credentials is null)
        {
            return Refuse($"{response.StatusCode} asks for credentials and none are configured");
        }

        if (++_attempts > MaxAttempts)
        {
            return Refuse($"still challenged after {MaxAttempts} attempts");
        }

        string? firstError = null;
        foreach (var value in response.Headers.GetValues(challengeHeader))
        {
            var parsed = DigestChallenge.Parse(value);
            if (!parsed.IsSuccess)
            {
                firstError ??= parsed.Error;
                continue;
            }

            var challenge = parsed.Value!;
            if (_answeredNonces.Contains(challenge.Nonce) && !challenge.Stale)
            {
                return Refuse($"credentials for '{credentials.Username}' refused by realm '{challenge.Realm}'");
            }

            _answeredNonces.Add(challenge.Nonce);
            var count = _nonceCounts[challenge.Nonce] = _nonceCounts.GetValueOrDefault(challenge.Nonce) + 1;
            var uri = request.RequestUri.ToString();
            Refusal = null;
            return new SipHeader(credentialsHeader, DigestResponse.CreateHeaderValue(challenge, credentials, request.Method, uri, DigestResponse.NewClientNonce(), count));
        }

        return Refuse(firstError is null ? $"{response.StatusCode} carries no {challengeHeader}" : $"no usable challenge: {firstError}");
    }

    private SipHeader? Refuse(string reason)
    {
        Refusal = reason;
        return null;
    }
}
