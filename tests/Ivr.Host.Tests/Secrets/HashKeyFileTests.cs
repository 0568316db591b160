using Ivr.Data.Security;
using Ivr.Host.Secrets;

namespace Ivr.Host.Tests.Secrets;

/// <summary>The key file: made once (owner only, folder 0700) and then read back, one key however many start at once,
/// never overwritten; a short, unreadable or shared file refused with what to do.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes (0600 keys) are POSIX
public sealed class HashKeyFileTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ivr-hash-key-").FullName;

    private string KeyPath => HashKeyFile.DefaultPath(_data);

    [Fact]
    public void TwoStarts_MakeTheKeyOnce_AndReadTheSameKey()
    {
        var (first, created) = HashKeyFile.LoadOrCreate(KeyPath);
        var (second, createdAgain) = HashKeyFile.LoadOrCreate(KeyPath);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.CheckValue, second.CheckValue);
        Assert.Equal(HashKey.Length, new FileInfo(KeyPath).Length);
    }

    [SkippableFact]
    public void TheKeyFile_IsTheOwnersOnly_InAFolderOfTheOwnersOnly()
    {
        Skip.If(OperatingSystem.IsWindows());
        HashKeyFile.LoadOrCreate(KeyPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyPath)!));
        Assert.Equal([Path.GetFileName(KeyPath)], Directory.GetFiles(Path.GetDirectoryName(KeyPath)!).Select(Path.GetFileName)); // no temporary left
    }

    [Fact]
    public async Task ManyStartsAtOnce_EndWithOneKey()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => HashKeyFile.LoadOrCreate(KeyPath))))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(starts, s => s.Created);
        Assert.Single(starts.Select(s => s.Key.CheckValue).Distinct());
        Assert.Equal(HashKeyFile.Load(KeyPath).CheckValue, starts[0].Key.CheckValue);
    }

    [Fact]
    public void Create_NeverOverwritesAKey()
    {
        HashKeyFile.Create(KeyPath);
        var before = File.ReadAllBytes(KeyPath);

        Assert.Throws<IOException>(() => HashKeyFile.Create(KeyPath));

        Assert.Equal(before, File.ReadAllBytes(KeyPath));
    }

    [SkippableFact]
    public void AKeyOpenToOthers_IsRefused_SayingHowToFixIt()
    {
        Skip.If(OperatingSystem.IsWindows());
        HashKeyFile.Create(KeyPath);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = Assert.Throws<InvalidDataException>(() => HashKeyFile.LoadOrCreate(KeyPath));

        Assert.Contains("0644", refused.Message);
        Assert.Contains($"chmod 600 {KeyPath}", refused.Message);
    }

    [Fact]
    public void AShortKey_IsRefused_AndNotReplaced()
    {
        HashKeyFile.TryWrite(KeyPath, new byte[HashKey.Length]);
        File.WriteAllBytes(KeyPath, new byte[HashKey.Length - 1]);

        var refused = Assert.Throws<InvalidDataException>(() => HashKeyFile.LoadOrCreate(KeyPath));

        Assert.Contains($"holds {HashKey.Length - 1} bytes", refused.Message);
        Assert.Equal(HashKey.Length - 1, new FileInfo(KeyPath).Length);
    }

    [SkippableFact]
    public void AnUnreadableKey_IsRefused()
    {
        Skip.If(OperatingSystem.IsWindows() || Environment.UserName == "root", "root reads any file");
        HashKeyFile.Create(KeyPath);
        File.SetUnixFileMode(KeyPath, UnixFileMode.None);

        var refused = Assert.Throws<InvalidDataException>(() => HashKeyFile.LoadOrCreate(KeyPath));

        Assert.Contains("cannot be read", refused.Message);
    }

    [Fact]
    public void AMissingNamedKey_SaysHowToMakeOne()
    {
        var refused = Assert.Throws<InvalidDataException>(() => HashKeyFile.Load(Path.Combine(_data, "cluster.key")));

        Assert.Contains("ivr secrets create-hash-key", refused.Message);
    }

    public void Dispose()
    {
        if (File.Exists(KeyPath) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.Delete(_data, recursive: true);
    }
}
