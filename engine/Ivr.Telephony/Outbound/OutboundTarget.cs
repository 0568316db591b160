using System.Net;
using Ivr.Core.Privacy;
using Ivr.Sip.Auth;
using Ivr.Sip.Message;
using Ivr.Sip.Transport;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Where a dial string goes. A telephone number (digits, an optional leading '+', '*' and '#') goes through the
/// trunk: the trunk's number rules applied, <c>sip:NUMBER@domain</c> sent to the trunk's address with its
/// credentials. A <c>sip:</c> URI is called directly at its IP address (port 5060 by default,
/// <c>;transport=tcp</c> honoured) — through the trunk (address and credentials) when its host is the trunk's
/// domain. <see cref="Display"/> is safe to log: the number is masked.
/// </summary>
public sealed record OutboundTarget(SipUri RequestUri, SipEndPoint Destination, DigestCredentials? Credentials, string FromHost, string Display)
{
    /// <summary>Resolves <paramref name="dial"/>; throws <see cref="ArgumentException"/> for a malformed number or URI and
    /// <see cref="InvalidOperationException"/> for a number when no trunk is configured.</summary>
    public static OutboundTarget Resolve(string dial, TrunkOptions? trunk, string localHost)
    {
        var text = dial?.Trim() ?? throw new ArgumentNullException(nameof(dial));
        if (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return FromUri(text, trunk, localHost);
        }

        if (!IsNumber(text))
        {
            throw new ArgumentException($"'{Mask.Phone(text)}' is neither a telephone number (digits, leading +, * and #) nor a sip: URI", nameof(dial));
        }

        if (trunk is null)
        {
            throw new InvalidOperationException($"cannot dial {Mask.Phone(text)}: no SIP trunk is configured (deploy/trunk.yaml or --trunk FILE)");
        }

        var number = trunk.Rewrite(text);
        var uri = new SipUri("sip", number, trunk.DomainOrAddress, trunk.Domain is null ? trunk.Address.Port : null, TransportParameter(trunk.Transport));
        return new OutboundTarget(uri, new SipEndPoint(trunk.Transport, trunk.Address), trunk.Credentials, trunk.DomainOrAddress, $"{Mask.Phone(number)} via {trunk.Address}");
    }

    private static OutboundTarget FromUri(string text, TrunkOptions? trunk, string localHost)
    {
        var parsed = SipUri.Parse(text);
        if (!parsed.IsSuccess)
        {
            throw new ArgumentException($"'{MaskUser(text)}' is not a valid SIP URI: {parsed.Error}", nameof(text));
        }

        var uri = parsed.Value!;
        var display = $"sip:{Mask.Phone(uri.User)}@{uri.Host}{(uri.Port is { } p ? $":{p}" : "")}";
        if (trunk is not null && string.Equals(uri.Host, trunk.DomainOrAddress, StringComparison.OrdinalIgnoreCase))
        {
            return new OutboundTarget(uri, new SipEndPoint(trunk.Transport, trunk.Address), trunk.Credentials, trunk.DomainOrAddress, $"{display} via {trunk.Address}");
        }

        var address = uri.HostAddress ?? throw new ArgumentException($"'{display}': the host must be an IP address (no DNS) or the trunk's domain", nameof(text));
        var kind = string.Equals(uri.GetParameter("transport"), "tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Tcp : SipTransportKind.Udp;
        return new OutboundTarget(uri, new SipEndPoint(kind, new IPEndPoint(address, uri.Port ?? 5060)), null, localHost, display);
    }

    private static bool IsNumber(string text)
    {
        if (text.Length is 0 or > 32) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiDigit(c) || c is '*' or '#' || (c == '+' && i == 0))) return false;
        }

        return text != "+";
    }

    private static IReadOnlyList<SipParameter>? TransportParameter(SipTransportKind kind) =>
        kind == SipTransportKind.Tcp ? [new SipParameter("transport", "tcp")] : null;

    private static string MaskUser(string text)
    {
        var at = text.IndexOf('@');
        var colon = text.IndexOf(':');
        return at > colon && colon >= 0 ? text[..(colon + 1)] + Mask.Phone(text[(colon + 1)..at]) + text[at..] : Mask.Phone(text);
    }
}
