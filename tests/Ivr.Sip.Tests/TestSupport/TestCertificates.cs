using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ivr.Sip.Tests.TestSupport;

/// <summary>A self-signed ECDSA P-256 certificate for 127.0.0.1, made once per test run, and its PEM files.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> Lazy = new(Create);

    public static X509Certificate2 Loopback => Lazy.Value;

    /// <summary>Writes the certificate and its key as PEM into <paramref name="folder"/>; returns both paths.</summary>
    public static (string Certificate, string Key) WritePem(string folder)
    {
        var certificate = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        File.WriteAllText(certificate, Loopback.ExportCertificatePem());
        File.WriteAllText(key, Loopback.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificate, key);
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
