using System.Security.Cryptography;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transport;

namespace Ivr.Host.Serving;

/// <summary>
/// The <c>ivr serve</c> options of SIP over TLS and SRTP: the certificate and key (PEM files) that switch TLS on, its
/// port (default 5061), and the SDES-SRTP policy of calls. A certificate or key that cannot be read is a usage error
/// naming the file.
/// </summary>
public sealed record SecureSipOptions
{
    public const int DefaultTlsPort = 5061;

    public static readonly IReadOnlyCollection<string> Valued = ["tls-port", "tls-cert", "tls-key", "srtp"];

    public const string Help = """
          --tls-cert FILE    SIP over TLS (TLS 1.2/1.3) with this PEM certificate (chain); needs --tls-key (default: no TLS)
          --tls-key FILE     the certificate's PEM private key
          --tls-port P       SIP over TLS port (default 5061; 0 = any free port, the log tells which)
          --srtp MODE        SDES-SRTP (AES_CM_128_HMAC_SHA1_80/_32) for calls: off, optional (when the caller offers it),
                             mandatory (plain RTP offers get 488) (default off)
        """;

    /// <summary>TLS settings with the certificate loaded; null: no TLS.</summary>
    public SipTlsOptions? Tls { get; init; }

    public int TlsPort { get; init; } = DefaultTlsPort;

    public SrtpPolicy Srtp { get; init; } = SrtpPolicy.Off;

    public static SecureSipOptions Parse(CommandLine line) => new()
    {
        Tls = LoadTls(line.Get("tls-cert"), line.Get("tls-key")),
        TlsPort = line.GetInt("tls-port", DefaultTlsPort, 0, 65535),
        Srtp = ParseSrtp(line.Get("srtp")),
    };

    private static SipTlsOptions? LoadTls(string? certificate, string? key)
    {
        if (certificate is null && key is null) return null;
        if (certificate is null || key is null) throw new UsageException("--tls-cert and --tls-key go together: the PEM certificate and its PEM private key");
        foreach (var file in new[] { certificate, key })
        {
            if (!File.Exists(file)) throw new UsageException($"--tls-{(file == key ? "key" : "cert")}: no file {file}");
        }

        try
        {
            return SipTlsOptions.FromPemFiles(certificate, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException($"--tls-cert {certificate} --tls-key {key}: not a PEM certificate with its private key ({e.Message})");
        }
    }

    private static SrtpPolicy ParseSrtp(string? text) => text?.ToLowerInvariant() switch
    {
        null or "off" => SrtpPolicy.Off,
        "optional" => SrtpPolicy.Optional,
        "mandatory" => SrtpPolicy.Mandatory,
        _ => throw new UsageException($"--srtp takes off, optional or mandatory, not '{text}'"),
    };
}
