using Ivr.Host.Hosting;
using Ivr.OperationsConsole.Callers;

namespace Ivr.Host.Tests.Callers;

public sealed class AlertSettingsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"alerts-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Read_ShippedFile_IsTheDefaults_NoWebhook()
    {
        var settings = AlertSettingsFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "alerts.yaml"));

        Assert.Equal(AlertSettings.Default, settings);
        Assert.Null(settings.Webhook);
    }

    [Fact]
    public void Read_EveryField()
    {
        File.WriteAllText(_path, "webhook: \"https://pager.example.org/hooks/12333?key=k\"\ntimeout: 3s\ntries: 5\nretry_delay: 1s\n");

        var settings = AlertSettingsFile.Read(_path);

        Assert.Equal(new AlertSettings(new Uri("https://pager.example.org/hooks/12333?key=k"), TimeSpan.FromSeconds(3), 5, TimeSpan.FromSeconds(1)), settings);
    }

    [Fact]
    public void Read_PinAlertThresholdAndWindow_DefaultsTwoIdsIn24Hours()
    {
        File.WriteAllText(_path, "pin_alert_ids: 3\npin_alert_window: 12h\n");

        var settings = AlertSettingsFile.Read(_path);

        Assert.Equal((3, TimeSpan.FromHours(12), (Uri?)null), (settings.PinAlertIds, settings.PinAlertWindow, settings.Webhook));
        Assert.Equal((2, TimeSpan.FromHours(24)), (AlertSettings.Default.PinAlertIds, AlertSettings.Default.PinAlertWindow));
    }

    [Fact]
    public void Load_LogsTheUrlWithoutItsQuery()
    {
        File.WriteAllText(_path, "webhook: \"https://pager.example.org/hooks/12333?key=secret\"\n");
        var log = new List<string>();

        AlertSettingsFile.Load(_path, log.Add);

        Assert.Contains("https://pager.example.org/hooks/12333 ", Assert.Single(log));
        Assert.DoesNotContain("secret", log[0]);
    }

    [Theory]
    [InlineData("webhook: not a url\n", ":1:10: webhook: an absolute http(s) URL, not 'not a url'")]
    [InlineData("webhook: \"ftp://pager.example.org/\"\n", ": webhook is an http or https URL")]
    [InlineData("timeout: soon\n", ":1:10: timeout: a duration like 5s, not 'soon'")]
    [InlineData("tries: 0\n", ": tries is 1..10")]
    [InlineData("tries: 3\npin_alert_ids: 0\n", ":2:16: pin_alert_ids: a whole number from 1 to 100, not '0'")]
    [InlineData("pin_alert_ids: two\n", ":1:16: pin_alert_ids: a whole number from 1 to 100, not 'two'")]
    [InlineData("pin_alert_window: 30m\n", ":1:19: pin_alert_window: a duration from 1h to 168h, like 24h, not '30m'")]
    [InlineData("pin_alert_window: 8d\n", ":1:19: pin_alert_window: a duration from 1h to 168h, like 24h, not '8d'")]
    [InlineData("url: x\n", ":1:1: unknown field 'url'; the fields are webhook, timeout, tries, retry_delay")]
    public void Read_Mistakes_NameFileLineAndFix(string yaml, string message)
    {
        File.WriteAllText(_path, yaml);

        var error = Assert.Throws<InvalidDataException>(() => AlertSettingsFile.Read(_path));

        Assert.StartsWith(_path + message, error.Message);
    }

    public void Dispose() => File.Delete(_path);
}
