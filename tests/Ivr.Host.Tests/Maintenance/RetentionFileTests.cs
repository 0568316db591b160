using Ivr.Host.Maintenance;

namespace Ivr.Host.Tests.Maintenance;

public sealed class RetentionFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ivr-retention-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Read_ShippedFile_TheHotlineDefaults()
    {
        var shipped = RetentionFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "retention.yaml"));

        Assert.Equal(RetentionFile.Default, shipped);
        Assert.Equal((180, 365, 180, 90), ((int)shipped.Policy.CallEvents.TotalDays, (int)shipped.Policy.HandledRecordings.TotalDays,
            (int)shipped.Policy.AccessLog.TotalDays, (int)shipped.Policy.FaxNumbers.TotalDays));
        Assert.Equal((90, 365), ((int)shipped.Policy.PinAttempts.TotalDays, (int)shipped.Policy.PinLockOrigins.TotalDays));
    }

    [Fact]
    public void Read_PinKinds()
    {
        File.WriteAllText(_file, "pin_attempts: 30d\npin_lock_origins: 2y\n");

        var read = RetentionFile.Read(_file);

        Assert.Equal((TimeSpan.FromDays(30), TimeSpan.FromDays(730), TimeSpan.FromDays(180)),
            (read.Policy.PinAttempts, read.Policy.PinLockOrigins, read.Policy.CallEvents));
    }

    [Fact]
    public void Read_WeeksYearsAndHour()
    {
        File.WriteAllText(_file, "hour: 4\ncall_events: 26w\nhandled_recordings: 2y\n");

        var read = RetentionFile.Read(_file);

        Assert.Equal((4, TimeSpan.FromDays(182), TimeSpan.FromDays(730), TimeSpan.FromDays(180)),
            (read.Hour, read.Policy.CallEvents, read.Policy.HandledRecordings, read.Policy.AccessLog));
    }

    [Theory]
    [InlineData("access_log: 0d\n", ":1:13: access_log: a period longer than zero, not '0d'")]
    [InlineData("hour: 3\ncall_events: -30d\n", ":2:14: call_events: a period longer than zero, not '-30d'")]
    [InlineData("call_events: 180\n", ":1:14: call_events: a period like 180d, 26w or 1y, not '180'")]
    [InlineData("call_events: six months\n", ":1:14: call_events: a period like 180d, 26w or 1y")]
    [InlineData("hour: 3\nrecordings: 30d\n", ":2:1: unknown field 'recordings'")]
    [InlineData("hour: 24\n", ":1:7: hour: a whole number from 0 to 23, not '24'")]
    [InlineData("hour: 3\npin_attempts: 0d\n", ":2:15: pin_attempts: a period longer than zero, not '0d'")]
    [InlineData("call_events: [1, 2\n", ":")]
    public void Read_BadValue_RefusedWithFileLineAndColumn(string yaml, string expected)
    {
        File.WriteAllText(_file, yaml);

        var refused = Assert.Throws<InvalidDataException>(() => RetentionFile.Read(_file));

        Assert.StartsWith(_file + ":", refused.Message);
        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void BackupSchedule_ShippedFile_WeeklyIntoBackups()
    {
        var shipped = BackupScheduleFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "backup.yaml"));

        Assert.Equal(new BackupScheduleFile("backups", 7, 8, 2), shipped);
    }

    [Theory]
    [InlineData("every_days: 16\n", ":1:13: every_days: a whole number from 1 to 15, not '16'")]
    [InlineData("keep: 0\n", ":1:7: keep: a whole number from 1 to 1000")]
    [InlineData("folder: /tmp\n", ":1:1: unknown field 'folder'")]
    public void BackupSchedule_BadValue_RefusedWithFileLineAndColumn(string yaml, string expected)
    {
        File.WriteAllText(_file, yaml);

        var refused = Assert.Throws<InvalidDataException>(() => BackupScheduleFile.Read(_file));

        Assert.Contains(_file + expected, refused.Message);
    }

    public void Dispose() => File.Delete(_file);
}
