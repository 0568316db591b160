using System.Collections.Concurrent;
using System.Net;
using Ivr.Host.Cli;
using Ivr.Host.Secrets;
using Ivr.Host.Serving;

namespace Ivr.Host.Tests.Serving;

/// <summary><c>ivr serve</c> and the hash key: made at the first start and the same at the next, named by --hash-key,
/// refused when it is not the database's or is open to others — and never a byte of it in the log.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes (0600 keys) are POSIX
public sealed class HashKeyServeTests : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();

    private string Data => Path.Combine(_files.Root, "data");

    private ServeOptions Options(string? hashKey = null) => new()
    {
        Paths = new IvrPaths(_files.Flows, _files.Prompts, Data, HashKeyFile: hashKey),
        SipPort = 0,
        Address = IPAddress.Loopback,
        MaxCalls = 10,
        Console = false,
        QueueFile = null,
        TrunkFile = null,
    };

    [Fact]
    public async Task TwoStarts_MakeTheKeyOnce_AndServeWithIt()
    {
        await (await IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None)).DisposeAsync();
        var key = File.ReadAllBytes(HashKeyFile.DefaultPath(Data));
        await (await IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None)).DisposeAsync();

        Assert.Equal(key, File.ReadAllBytes(HashKeyFile.DefaultPath(Data)));
        Assert.Single(_log, l => l.StartsWith("hash key: made ", StringComparison.Ordinal));
        Assert.Single(_log, l => l.Contains("keys this database from now on"));
        Assert.Contains(_log, l => l.EndsWith("(the database's)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherKeyFile_ThanTheDatabases_IsRefusedAtStart()
    {
        await (await IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None)).DisposeAsync();
        var other = Path.Combine(_files.Root, "other.key");
        HashKeyFile.Create(other);

        var refused = await Assert.ThrowsAsync<ServerStartException>(() => IvrServer.StartAsync(Options(other), _log.Enqueue, CancellationToken.None));

        Assert.StartsWith($"hash key: {other}: this database was keyed with another hash key", refused.Message);
    }

    [Fact]
    public async Task TheDatabasesKey_NamedByHashKey_IsAccepted()
    {
        await (await IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None)).DisposeAsync();
        var copy = Path.Combine(_files.Root, "cluster.key");
        HashKeyFile.TryWrite(copy, File.ReadAllBytes(HashKeyFile.DefaultPath(Data)));

        await using var server = await IvrServer.StartAsync(Options(copy), _log.Enqueue, CancellationToken.None);

        Assert.Contains($"hash key: {copy} (the database's)", _log);
    }

    [SkippableFact]
    public async Task AKeyFileOpenToOthers_IsRefusedAtStart()
    {
        Skip.If(OperatingSystem.IsWindows());
        HashKeyFile.Create(HashKeyFile.DefaultPath(Data));
        File.SetUnixFileMode(HashKeyFile.DefaultPath(Data), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var refused = await Assert.ThrowsAsync<ServerStartException>(() => IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None));

        Assert.Contains("chmod 600", refused.Message);
    }

    [Fact]
    public async Task TheLog_HoldsNoByteOfTheKey()
    {
        await (await IvrServer.StartAsync(Options(), _log.Enqueue, CancellationToken.None)).DisposeAsync();
        var key = File.ReadAllBytes(HashKeyFile.DefaultPath(Data));
        var log = string.Join('\n', _log);

        Assert.NotEmpty(_log);
        Assert.DoesNotContain(Convert.ToBase64String(key), log);
        for (var i = 0; i + 6 <= key.Length; i++) // any six bytes of it in hex, either case
            Assert.DoesNotContain(Convert.ToHexStringLower(key.AsSpan(i, 6)), log, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _files.Dispose();
}
