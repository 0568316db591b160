using System.Net;
using Ivr.Sip.Message;

namespace Ivr.Host.SipReplay;

/// <summary>Where a live replay calls: <c>sip:12333@HOST:PORT</c>, the host an IP address (no DNS).</summary>
public sealed record SipTarget(string User, IPAddress Address, int Port)
{
    public static SipTarget Parse(string text)
    {
        var parsed = SipUri.Parse(text);
        if (!parsed.IsSuccess || parsed.Value is not { IsSip: true } uri)
            throw new FormatException($"--target must be a SIP URI like sip:12333@127.0.0.1:5060, not '{text}'{(parsed.Error is { } e ? $" ({e})" : "")}");
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            throw new FormatException($"--target needs the server's IP address, not the name '{uri.Host}'");
        return new SipTarget(uri.User ?? "12333", address, uri.Port ?? 5060);
    }

    /// <summary>The URI of a call to <paramref name="dialled"/> on this server.</summary>
    public SipUri For(string dialled) => SipUri.ForHost(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString(), Port, dialled);

    public override string ToString() => $"sip:{User}@{Address}:{Port}";
}
