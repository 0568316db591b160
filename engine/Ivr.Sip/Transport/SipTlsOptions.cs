using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ivr.Sip.Transport;

/// <summary>
/// SIP over TLS (RFC 3261 §26.2, RFC 5630): the server certificate with its private key, TLS 1.2 and 1.3 only, and how
/// long a peer may take to finish the handshake before the connection is closed (a slow handshake holds a connection
/// slot as an idle one would). Peers are not asked for a client certificate.
/// </summary>
public sealed record SipTlsOptions(X509Certificate2 Certificate)
{
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>A handshake not finished within this time closes the connection.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = DefaultHandshakeTimeout;

    /// <summary>Checks the peer's certificate when we open a connection (outbound requests); null: the system's trust store and the host name.</summary>
    public RemoteCertificateValidationCallback? ValidatePeer { get; init; }

    /// <summary>Reads a PEM certificate (chain) and its PEM private key (PKCS#8, PKCS#1 or EC). Throws when either is missing or they do not match.</summary>
    public static SipTlsOptions FromPemFiles(string certificateFile, string keyFile)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        if (!certificate.HasPrivateKey) throw new CryptographicUnexpectedOperationException($"{keyFile} holds no private key for {certificateFile}");
        return new SipTlsOptions(certificate);
    }

    internal SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificate = Certificate,
        EnabledSslProtocols = Protocols,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    internal SslClientAuthenticationOptions ClientOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        EnabledSslProtocols = Protocols,
        RemoteCertificateValidationCallback = ValidatePeer,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };
}
