using Ivr.Sip.Message;
using Ivr.Sip.UserAgent;

namespace Ivr.Telephony.Calls;

/// <summary>Reads who called which number from an INVITE: the dialled number is the request URI's user part
/// (RFC 3261 §8.2.2.1: the request URI names the target), the caller is From's user part.</summary>
public static class CallAddressing
{
    public static IncomingCall Read(SipCall call) =>
        new(call.CallId, UserOf(call.Caller.Uri) ?? "anonymous", UserOf(call.RequestUri) ?? UserOf(call.Callee.Uri) ?? "",
            Ivr.Core.Channel.AssistHeaders.From(call.InviteHeader), SourceOf(call.RemoteEndPoint.EndPoint.Address));

    /// <summary>An IPv4-mapped IPv6 address as the IPv4 address it is.</summary>
    private static System.Net.IPAddress SourceOf(System.Net.IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    // A dial string keeps its digits and + * #; the visual separators go (without LINQ: read for every call set up).
    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create("-.()");
    private static readonly System.Buffers.SearchValues<char> DialCharacters = System.Buffers.SearchValues.Create("0123456789+*#-.()");

    private static bool IsDialString(string user) => !user.AsSpan().ContainsAnyExcept(DialCharacters);

    private static int CountOf(string text, System.Buffers.SearchValues<char> characters)
    {
        var count = 0;
        foreach (var c in text)
            if (characters.Contains(c)) count++;
        return count;
    }

    /// <summary>The user part without user parameters (<c>12333;phone-context=…</c>) and visual separators; null when none.</summary>
    public static string? UserOf(SipUri uri)
    {
        var user = uri.User;
        if (string.IsNullOrEmpty(user)) return null;
        var semicolon = user.IndexOf(';');
        if (semicolon >= 0) user = user[..semicolon];
        if (IsDialString(user) && user.AsSpan().IndexOfAny(Separators) >= 0)
            user = string.Create(user.Length - CountOf(user, Separators), user, static (span, from) =>
            {
                var i = 0;
                foreach (var c in from)
                    if (!Separators.Contains(c)) span[i++] = c;
            });
        return user.Length == 0 ? null : user;
    }
}
