using System.Collections.Concurrent;
using System.Net;
using Ivr.Host.Cli;
using Ivr.Host.Serving;

namespace Ivr.Host.Tests.Maintenance;

/// <summary>The server's retention and backup parts: a wrong file stops the start; a backup folder that cannot be written does not.</summary>
public sealed class ServerMaintenanceTests : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();

    private ServeOptions Options() => new()
    {
        Paths = new IvrPaths(_files.Flows, _files.Prompts, Path.Combine(_files.Root, "data")),
        SipPort = 0,
        Address = IPAddress.Loopback,
        MaxCalls = 10,
        Console = false,
    };

    [Fact]
    public async Task StartAsync_ZeroRetentionPeriod_RefusesToStartNamingFileLineAndColumn()
    {
        var retention = Path.Combine(_files.Root, "retention.yaml");
        File.WriteAllText(retention, "hour: 3\naccess_log: 0d\n");

        var refused = await Assert.ThrowsAsync<ServerStartException>(() =>
            IvrServer.StartAsync(Options() with { RetentionFile = retention }, _log.Enqueue, CancellationToken.None));

        Assert.Equal($"retention: {retention}:2:13: access_log: a period longer than zero, not '0d'", refused.Message);
    }

    [Fact]
    public async Task StartAsync_BackupFolderNotWritable_ServesAndSaysWhy()
    {
        var blocker = Path.Combine(_files.Root, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var schedule = Path.Combine(_files.Root, "backup.yaml");
        File.WriteAllText(schedule, $"directory: {Path.Combine(blocker, "backups")}\nevery_days: 7\n");

        await using var server = await IvrServer.StartAsync(Options() with { BackupFile = schedule }, _log.Enqueue, CancellationToken.None);

        Assert.NotEqual(0, server.SipEndPoint.Port);
        Assert.Contains(_log, l => l.StartsWith($"backup: WARNING cannot write to {Path.Combine(blocker, "backups")}", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.StartsWith("retention: daily at 03:00 China time; events 180 d", StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();
}
