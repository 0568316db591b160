using Ivr.Host.Hosting;

namespace Ivr.Host.Tests.Hosting;

public sealed class StatisticsZoneFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"statistics-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Read_ShippedFile_IsChinaStandardTime()
        => Assert.Equal(TimeSpan.FromHours(8), StatisticsZoneFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "statistics.yaml")));

    [Theory]
    [InlineData("zone: Asia/Shanghai")]
    [InlineData("zone: \"+08:00\"")]
    [InlineData("zone: UTC+8")]
    [InlineData("")]
    public void Read_TheSpellingsOfChinasZone_AndAnEmptyFile(string text)
    {
        File.WriteAllText(_path, text + "\n");

        Assert.Equal(TimeSpan.FromHours(8), StatisticsZoneFile.Read(_path));
    }

    [Theory]
    [InlineData("# the hotline in Tokyo\nzone: Asia/Tokyo\n", ":2:7: zone: the statistics are kept in the local days of Asia/Shanghai (+08:00, no daylight saving; another zone would need every rollup rebuilt), not 'Asia/Tokyo'")]
    [InlineData("zone: \"+09:00\"\n", ":1:7: zone: the statistics are kept in the local days of Asia/Shanghai")]
    [InlineData("offset: \"+08:00\"\n", ":1:1: unknown field 'offset'; the fields are zone")]
    public void Read_AnotherZoneOrField_IsRefusedWithFileAndLine(string text, string message)
    {
        File.WriteAllText(_path, text);

        var error = Assert.Throws<InvalidDataException>(() => StatisticsZoneFile.Read(_path));

        Assert.Contains(_path + message, error.Message);
    }

    [Fact]
    public void Load_LogsTheZoneAndTheFile()
    {
        File.WriteAllText(_path, "zone: Asia/Shanghai\n");
        var log = new List<string>();

        Assert.Equal(TimeSpan.FromHours(8), StatisticsZoneFile.Load(_path, log.Add));

        Assert.Equal($"statistics: days of Asia/Shanghai (UTC+08:00) ({_path})", Assert.Single(log));
    }

    public void Dispose() => File.Delete(_path);
}
