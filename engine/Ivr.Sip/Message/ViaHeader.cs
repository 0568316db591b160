using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// One Via value (RFC 3261 §20.42, §18.2.1): <c>SIP/2.0/UDP host:port;branch=…;received=…;rport</c>.
/// <see cref="Branch"/> beginning with <see cref="MagicCookie"/> marks an RFC 3261 transaction id (§8.1.1.7).
/// </summary>
public sealed class ViaHeader
{
    public const string MagicCookie = "z9hG4bK";

    public ViaHeader(string transport, string host, int? port, IReadOnlyList<SipParameter>? parameters = null, string version = "2.0")
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Version = version;
        Parameters = parameters ?? [];
    }

    public string Version { get; }

    /// <summary>Upper-case transport: UDP, TCP, TLS, SCTP, or another token.</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public IReadOnlyList<SipParameter> Parameters { get; }

    public string? Branch => SipParameterList.Find(Parameters, "branch")?.Value;

    public bool HasMagicCookie => Branch?.StartsWith(MagicCookie, StringComparison.Ordinal) == true;

    public string? Received => SipParameterList.Find(Parameters, "received")?.Value;

    /// <summary>RFC 3581: true when an rport parameter is present (with or without a value).</summary>
    public bool HasRPort => SipParameterList.Find(Parameters, "rport") is not null;

    public int? RPort => int.TryParse(SipParameterList.Find(Parameters, "rport")?.Value, out var p) ? p : null;

    /// <summary>host[:port] as written, used in transaction matching (§17.2.3).</summary>
    public string SentBy => Port is null ? Host.ToLowerInvariant() : $"{Host.ToLowerInvariant()}:{Port}";

    public static ParseResult<ViaHeader> Parse(string text) => ViaHeaderParser.Parse(text);

    public ViaHeader WithParameter(string name, string? value) =>
        new(Transport, Host, Port, SipParameterList.With(Parameters, name, value), Version);

    public override string ToString()
    {
        var builder = new StringBuilder("SIP/").Append(Version).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is not null)
        {
            builder.Append(':').Append(Port.Value);
        }

        return builder.Append(SipParameterList.Format(Parameters)).ToString();
    }
}
