using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ivr.Host.Cli;
using Ivr.Host.Serving;
using Ivr.Sip.Sdp;

namespace Ivr.Host.Tests.Serving;

public sealed class SecureSipOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SecureSipOptions Parse(params string[] args) =>
        ServeOptions.Parse(CommandLine.Parse(args, ServeOptions.Valued, ServeOptions.Switches)).Secure;

    private (string Certificate, string Key) WritePem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ivr.test", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var paths = (Path.Combine(_folder, "cert.pem"), Path.Combine(_folder, "key.pem"));
        File.WriteAllText(paths.Item1, certificate.ExportCertificatePem());
        File.WriteAllText(paths.Item2, key.ExportPkcs8PrivateKeyPem());
        return paths;
    }

    [Fact]
    public void Parse_Defaults_NoTls_Port5061_SrtpOff()
    {
        var options = Parse();

        Assert.Null(options.Tls);
        Assert.Equal(5061, options.TlsPort);
        Assert.Equal(SrtpPolicy.Off, options.Srtp);
    }

    [Fact]
    public void Parse_CertificateAndKey_LoadTheCertificateWithItsKey()
    {
        var (certificate, key) = WritePem();

        var options = Parse("--tls-cert", certificate, "--tls-key", key, "--tls-port", "5071", "--srtp", "mandatory");

        Assert.True(options.Tls!.Certificate.HasPrivateKey);
        Assert.Equal("CN=ivr.test", options.Tls.Certificate.Subject);
        Assert.Equal(5071, options.TlsPort);
        Assert.Equal(SrtpPolicy.Mandatory, options.Srtp);
    }

    [Fact]
    public void Parse_CertificateWithoutKey_IsAUsageError() =>
        Assert.Contains("--tls-cert and --tls-key go together", Assert.Throws<UsageException>(() => Parse("--tls-cert", WritePem().Certificate)).Message);

    [Fact]
    public void Parse_MissingFile_NamesIt()
    {
        var (certificate, _) = WritePem();

        var error = Assert.Throws<UsageException>(() => Parse("--tls-cert", certificate, "--tls-key", Path.Combine(_folder, "nope.pem")));

        Assert.Contains("nope.pem", error.Message);
    }

    [Fact]
    public void Parse_KeyThatIsNotPem_IsAUsageErrorNamingBothFiles()
    {
        var (certificate, _) = WritePem();
        var garbage = Path.Combine(_folder, "garbage.pem");
        File.WriteAllText(garbage, "not a key");

        var error = Assert.Throws<UsageException>(() => Parse("--tls-cert", certificate, "--tls-key", garbage));

        Assert.Contains("garbage.pem", error.Message);
    }

    [Theory]
    [InlineData("off", SrtpPolicy.Off)]
    [InlineData("Optional", SrtpPolicy.Optional)]
    public void Parse_Srtp(string value, SrtpPolicy policy) => Assert.Equal(policy, Parse("--srtp", value).Srtp);

    [Fact]
    public void Parse_SrtpUnknown_IsAUsageError() =>
        Assert.Contains("--srtp takes off, optional or mandatory", Assert.Throws<UsageException>(() => Parse("--srtp", "always")).Message);
}
