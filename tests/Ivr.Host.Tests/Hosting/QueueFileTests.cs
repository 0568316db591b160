using Ivr.Host.Hosting;

namespace Ivr.Host.Tests.Hosting;

public sealed class QueueFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"queues-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Read_QueuesAndTimeout()
    {
        File.WriteAllText(_path, "queues:\n  general: \"sip:agents@127.0.0.1:5070\"\nnotify_timeout: 10s\n");

        var targets = QueueFile.Read(_path);

        Assert.Equal(["general"], targets.Queues);
        Assert.NotNull(targets.Find("GENERAL"));
        Assert.Equal(TimeSpan.FromSeconds(10), targets.NotifyTimeout);
    }

    [Fact]
    public void Read_TrustedPbx_HostsTheAssistedCheckMayReturnTo()
    {
        File.WriteAllText(_path, "queues: {}\ntrusted_pbx: [pbx.example, 10.0.0.5]\n");

        var targets = QueueFile.Read(_path);

        Assert.NotNull(targets.TrustedTarget("<sip:agent1001@pbx.example>"));
        Assert.NotNull(targets.TrustedTarget("sip:agent1001@10.0.0.5:5060"));
        Assert.Null(targets.TrustedTarget("<sip:agent1001@evil.example>"));
        Assert.Null(targets.TrustedTarget("tel:+8612333"));
    }

    [Fact]
    public void Read_ShippedFile_ListsNoQueueYet()
    {
        var targets = QueueFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "queues.yaml"));

        Assert.Empty(targets.Queues);
    }

    [Theory]
    [InlineData("queues:\n  general: \"http://not-sip\"\n", "general")]
    [InlineData("queus:\n  general: \"sip:a@b\"\n", ":1:1:")]
    [InlineData("queues: [unclosed\n", ":")]
    public void Read_BadFile_OneMessageWithTheFile(string yaml, string fragment)
    {
        File.WriteAllText(_path, yaml);

        var error = Assert.Throws<InvalidDataException>(() => QueueFile.Read(_path));

        Assert.Contains(_path, error.Message);
        Assert.Contains(fragment, error.Message);
    }

    public void Dispose() => File.Delete(_path);
}
