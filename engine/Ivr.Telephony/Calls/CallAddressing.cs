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

    /// <summary>The user part without user parameters (<c>12333;phone-context=…</c>) and visual separators; null when none.</summary>
    public static string? UserOf(SipUri uri)
    {
        var user = uri.User;
        if (string.IsNullOrEmpty(user)) return null;
        var semicolon = user.IndexOf(';');
        if (semicolon >= 0) user = user[..semicolon];
        if (user.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#' or '-' or '.' or '(' or ')'))
            user = new string(user.Where(c => c is not ('-' or '.' or '(' or ')')).ToArray());
        return user.Length == 0 ? null : user;
    }
}
