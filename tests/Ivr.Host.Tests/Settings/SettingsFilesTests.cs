using Ivr.Host.Cli;
using Ivr.Host.Hosting;
using Ivr.Host.Maintenance;
using Ivr.Host.Serving;

namespace Ivr.Host.Tests.Settings;

/// <summary>Every operator settings file of deploy/ is read by the one reader: the same mistake is refused the same way
/// in each — FILE:LINE:COL, unknown fields with the known list, one value where one belongs, durations alike.</summary>
public sealed class SettingsFilesTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("ivr-settings-").FullName, "settings.yaml");

    /// <summary>Each reader with a line it accepts.</summary>
    public static TheoryData<string, string> Readers => new()
    {
        { "retention", "hour: 3" },
        { "backup", "keep: 2" },
        { "alerts", "tries: 3" },
        { "fax", "max_attempts: 3" },
        { "trunk", "address: \"10.0.0.1:5060\"" },
        { "queues", "notify_timeout: 30s" },
        { "limits", "sip_rate: 20" },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void AnUnknownField_IsRefusedAtItsPlace_WithTheKnownOnes(string reader, string valid)
    {
        var message = Refusal(reader, $"{valid}\nnonsense: 1\n");

        Assert.StartsWith($"{_path}:2:1: unknown field 'nonsense'; the fields are ", message);
        Assert.Contains(valid[..valid.IndexOf(':')], message);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void AListWhereOneValueBelongs_IsRefusedAtItsPlace(string reader, string valid)
    {
        var key = valid[..valid.IndexOf(':')];

        Assert.StartsWith($"{_path}:2:{key.Length + 3}: {key}: expected one value", Refusal(reader, $"# {reader}\n{key}: [1, 2]\n"));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void BrokenYaml_IsRefusedWithFileLineAndColumn(string reader, string valid)
        => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(_path)}:[0-9]+:[0-9]+: ", Refusal(reader, $"{valid}\nx: [1, 2\n"));

    [Theory]
    [MemberData(nameof(Readers))]
    public void ATagThatIsNoUri_IsRefused_NotThrownAsAnArgumentError(string reader, string valid) // found by afl++ in the flow loader
        => Assert.StartsWith($"{_path}:1:1: a tag (a word starting with '!') must be a valid URI", Refusal(reader, $"{valid}\nx: !!!!!!!!+!!.\n"));

    [Theory]
    [MemberData(nameof(Readers))]
    public void AListAtTheTop_IsRefused_SayingWhatIsExpected(string reader, string valid)
        => Assert.StartsWith($"{_path}:1:1: expected ", Refusal(reader, $"- {valid}\n"));

    [Theory]
    [InlineData("alerts", "retry_delay", "a duration like 2s")]
    [InlineData("fax", "retry_delay", "a duration like 5m")]
    [InlineData("queues", "notify_timeout", "a duration like 30s")]
    [InlineData("queues", "bridge_ring_timeout", "a duration like 30s")]
    public void AWrongDuration_IsRefusedTheSameWayInEveryFile(string reader, string key, string what)
        => Assert.StartsWith($"{_path}:1:{key.Length + 3}: {key}: {what}, not '5 minutes'", Refusal(reader, $"{key}: 5 minutes\n"));

    [Theory]
    [InlineData("alerts", "timeout: 50s\nretry_delay: 2m\n", 50)]
    [InlineData("fax", "retry_delay: 50s\npoll_interval: 2m\n", 50)]
    [InlineData("queues", "notify_timeout: 50s\nbridge_ring_timeout: 2m\n", 50)]
    public void Durations_AreReadTheSameWayInEveryFile(string reader, string yaml, int seconds)
    {
        File.WriteAllText(_path, yaml);

        var (first, second) = reader switch
        {
            "alerts" => AlertSettingsFile.Read(_path) is var a ? (a.Timeout, a.RetryDelay) : default,
            "fax" => FaxSettingsFile.Read(_path) is var f ? (f.RetryDelay, f.PollInterval) : default,
            _ => QueueFile.Read(_path) is var q ? (q.NotifyTimeout, q.BridgeRingTimeout) : default,
        };

        Assert.Equal((TimeSpan.FromSeconds(seconds), TimeSpan.FromMinutes(2)), (first, second));
    }

    [Fact]
    public void AnEmptyFile_LeavesEveryFieldAtItsDefault()
    {
        File.WriteAllText(_path, "# nothing set\n");

        Assert.Equal(RetentionFile.Default, RetentionFile.Read(_path));
        Assert.Equal(Ivr.Data.Fax.FaxSettings.Default, FaxSettingsFile.Read(_path));
        Assert.Equal(Ivr.OperationsConsole.Callers.AlertSettings.Default, AlertSettingsFile.Read(_path));
    }

    private string Refusal(string reader, string yaml)
    {
        File.WriteAllText(_path, yaml);
        Action read = reader switch
        {
            "retention" => () => RetentionFile.Read(_path),
            "backup" => () => BackupScheduleFile.Read(_path),
            "alerts" => () => AlertSettingsFile.Read(_path),
            "fax" => () => FaxSettingsFile.Read(_path),
            "trunk" => () => TrunkFile.Read(_path, _ => null),
            "queues" => () => QueueFile.Read(_path),
            _ => () => LimitsFile.Read(_path, ["sip-rate"]),
        };
        var refused = Assert.ThrowsAny<Exception>(read);
        Assert.True(refused is InvalidDataException or UsageException, $"{reader}: {refused.GetType().Name}: {refused.Message}");
        return refused.Message;
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
}
