using System.Net;
using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 §19.1): <c>sip:user:password@host:port;params?headers</c>, with user,
/// parameter and header values held unescaped. Other absolute URIs (RFC 3986 — tel:, isbn:, http:…)
/// are kept opaque in <see cref="Opaque"/> so that requests carrying them still parse (RFC 4475 §3.3.2–3.3.4).
/// </summary>
public sealed class SipUri
{
    private const string UserAllowed = "&=+$,;?/";
    private const string ParamAllowed = "[]/:&+$";
    private const string HeaderAllowed = "[]/?:+$";

    public SipUri(
        string scheme,
        string? user,
        string host,
        int? port = null,
        IReadOnlyList<SipParameter>? parameters = null,
        IReadOnlyList<SipParameter>? headers = null,
        string? password = null)
    {
        Scheme = SchemeOf(scheme);
        User = user;
        Host = host;
        Port = port;
        Password = password;
        Parameters = parameters ?? [];
        Headers = headers ?? [];
    }

    private SipUri(string scheme, string opaque)
    {
        Scheme = SchemeOf(scheme);
        Opaque = opaque;
        Host = string.Empty;
        Parameters = [];
        Headers = [];
    }

    // The two schemes nearly every URI has, as one string each (not one per URI parsed and kept by a call).
    private static string SchemeOf(string scheme) =>
        scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) ? "sip"
        : scheme.Equals("sips", StringComparison.OrdinalIgnoreCase) ? "sips"
        : scheme.ToLowerInvariant();

    /// <summary>Lower-case scheme: "sip", "sips", or another scheme for opaque URIs.</summary>
    public string Scheme { get; }

    public bool IsSip => Scheme is "sip" or "sips";

    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host name, IPv4 address, or IPv6 reference including its brackets.</summary>
    public string Host { get; }

    public int? Port { get; }

    public IReadOnlyList<SipParameter> Parameters { get; }

    public IReadOnlyList<SipParameter> Headers { get; }

    /// <summary>The scheme-specific part of a non-SIP URI; null for sip/sips.</summary>
    public string? Opaque { get; }

    public static SipUri ForHost(string host, int? port = null, string? user = null) => new("sip", user, host, port);

    public static ParseResult<SipUri> Parse(string text) => SipUriParser.Parse(text);

    public string? GetParameter(string name) => SipParameterList.Find(Parameters, name)?.Value;

    public bool HasParameter(string name) => SipParameterList.Find(Parameters, name) is not null;

    /// <summary>The host as an address when it is an IPv4 literal or an IPv6 reference; otherwise null.</summary>
    public IPAddress? HostAddress =>
        IPAddress.TryParse(Host.Trim('[', ']'), out var address) ? address : null;

    public SipUri WithParameter(string name, string? value) =>
        new(Scheme, User, Host, Port, SipParameterList.With(Parameters, name, value), Headers, Password);

    private string? _text;

    /// <summary>The URI as written (kept: the type is immutable, and answers write the same URIs again).</summary>
    public override string ToString() => _text ??= Write();

    private string Write()
    {
        if (!IsSip)
        {
            return $"{Scheme}:{Opaque}";
        }

        var builder = new StringBuilder(Scheme).Append(':');
        if (User is not null)
        {
            builder.Append(SipEscaping.Escape(User, UserAllowed));
            if (Password is not null)
            {
                builder.Append(':').Append(SipEscaping.Escape(Password, "&=+$,"));
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is not null)
        {
            builder.Append(':').Append(Port.Value);
        }

        foreach (var p in Parameters)
        {
            builder.Append(';').Append(SipEscaping.Escape(p.Name, ParamAllowed));
            if (p.Value is not null)
            {
                builder.Append('=').Append(SipEscaping.Escape(p.Value, ParamAllowed));
            }
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(SipEscaping.Escape(Headers[i].Name, HeaderAllowed))
                .Append('=')
                .Append(SipEscaping.Escape(Headers[i].Value ?? string.Empty, HeaderAllowed));
        }

        return builder.ToString();
    }

    internal static SipUri CreateOpaque(string scheme, string opaque) => new(scheme, opaque);

    internal static string UserCharacters => UserAllowed;

    internal static string ParamCharacters => ParamAllowed;

    internal static string HeaderCharacters => HeaderAllowed;
}
