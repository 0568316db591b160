using System.Net;
using Ivr.Host.Hosting;
using Ivr.Sip.Transport;
using Ivr.Telephony.Transfers;

namespace Ivr.Host.Tests.Hosting;

public sealed class TrunkFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"trunk-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Read_FullTrunk_EveryField()
    {
        File.WriteAllText(_path, """
            address: "10.0.0.30:5080"
            transport: tcp
            domain: trunk.example.net
            from_user: "12333"
            username: ivr
            password_env: TRUNK_PW
            ring_timeout: 45s
            number_rules:
              - { prefix: "010", strip: 3 }
              - { prefix: "1", prepend: "0" }
            """);

        var trunk = TrunkFile.Read(_path, name => name == "TRUNK_PW" ? "from-env" : null)!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.30"), 5080), trunk.Address);
        Assert.Equal(SipTransportKind.Tcp, trunk.Transport);
        Assert.Equal("trunk.example.net", trunk.Domain);
        Assert.Equal("ivr", trunk.Credentials!.Username);
        Assert.Equal(TimeSpan.FromSeconds(45), trunk.RingTimeout);
        Assert.Equal("88886666", trunk.Rewrite("01088886666"));
        Assert.Equal("013012345273", trunk.Rewrite("13012345273"));
        Assert.DoesNotContain("from-env", trunk.ToString());
    }

    [Fact]
    public void Read_ShippedFile_NoTrunkConfigured()
    {
        Assert.Null(TrunkFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "trunk.yaml")));
    }

    [Theory]
    [InlineData("address: trunk.example:5060\n", "address must be IP:port")]
    [InlineData("address: \"10.0.0.1:5060\"\nusername: ivr\n", "needs password")]
    [InlineData("address: \"10.0.0.1:5060\"\nusername: ivr\npassword_env: NOT_SET_ANYWHERE\n", "NOT_SET_ANYWHERE")]
    [InlineData("address: \"10.0.0.1:5060\"\ntransport: sctp\n", "transport must be udp or tcp")]
    [InlineData("address: \"10.0.0.1:5060\"\nnumber_rules:\n  - { strip: 2 }\n", "needs a prefix")]
    [InlineData("adress: \"10.0.0.1:5060\"\n", "unknown field 'adress'; the fields are address, transport")]
    public void Read_BadFile_OneMessageWithTheFile(string yaml, string fragment)
    {
        File.WriteAllText(_path, yaml);

        var error = Assert.Throws<InvalidDataException>(() => TrunkFile.Read(_path, _ => null));

        Assert.Contains(_path, error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Read_PasswordInFile_NeverInTheError()
    {
        File.WriteAllText(_path, "address: \"10.0.0.1:5060\"\nusername: ivr\npassword: hunter2\nring_timeout: soon\n");

        var error = Assert.Throws<InvalidDataException>(() => TrunkFile.Read(_path));

        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void QueueFile_BridgeSettingsPerQueue()
    {
        File.WriteAllText(_path, """
            queues:
              general: "sip:agents@127.0.0.1:5070"
              pension: { uri: "sip:pension@127.0.0.1:5070", bridge: true }
              cards: { uri: "sip:cards@127.0.0.1:5070", bridge: false }
            bridge_ring_timeout: 20s
            """);

        var targets = QueueFile.Read(_path);

        Assert.Equal(BridgeMode.Fallback, targets.BridgeModeOf("general"));
        Assert.Equal(BridgeMode.Always, targets.BridgeModeOf("pension"));
        Assert.Equal(BridgeMode.Never, targets.BridgeModeOf("cards"));
        Assert.Equal(TimeSpan.FromSeconds(20), targets.BridgeRingTimeout);
        Assert.Equal("sip:pension@127.0.0.1:5070", targets.Find("pension")!.ToString());
    }

    [Fact]
    public void QueueFile_BadBridgeValue_Error()
    {
        File.WriteAllText(_path, "queues:\n  general: { uri: \"sip:a@127.0.0.1\", bridge: maybe }\n");

        var error = Assert.Throws<InvalidDataException>(() => QueueFile.Read(_path));

        Assert.Contains("bridge must be fallback, true (always) or false (never)", error.Message);
    }

    public void Dispose() => File.Delete(_path);
}
