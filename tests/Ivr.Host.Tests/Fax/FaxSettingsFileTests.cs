using Ivr.Data.Fax;
using Ivr.Flows.Loading;
using Ivr.Host.Hosting;

namespace Ivr.Host.Tests.Fax;

public sealed class FaxSettingsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fax-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Read_ShippedFile_IsTheDefaults()
    {
        var settings = FaxSettingsFile.Read(Path.Combine(ExampleFlows.RepositoryRoot, "deploy", "fax.yaml"));

        Assert.Equal(FaxSettings.Default, settings);
    }

    [Fact]
    public void Read_EveryField()
    {
        File.WriteAllText(_path, "allowed_hours: \"09:00-17:30\"\nmax_attempts: 5\nretry_delay: 2m\npoll_interval: 1s\n");

        var settings = FaxSettingsFile.Read(_path);

        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(17, 30), 5, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1)),
            (settings.AllowedFrom, settings.AllowedUntil, settings.MaxAttempts, settings.RetryDelay, settings.PollInterval));
    }

    [Theory]
    [InlineData("allowed_hours: 9-17\n", ":1:16: allowed_hours: write a range like \"08:00-20:00\", not '9-17'")]
    [InlineData("max_attempts: many\n", ":1:15: max_attempts: a whole number, not 'many'")]
    [InlineData("retry_delay: 5 minutes\n", ":1:14: retry_delay: a duration like 5m, not '5 minutes'")]
    [InlineData("tries: 3\n", ":1:1: unknown field 'tries'; the fields are allowed_hours, max_attempts, retry_delay, poll_interval")]
    [InlineData("allowed_hours: \"20:00-08:00\"\n", ": allowed_until (08:00) must be later than allowed_from (20:00)")]
    [InlineData("max_attempts: 0\n", ": max_attempts must be 1 to 10, not 0")]
    [InlineData("max_attempts: [3\n", ":")]
    public void Read_Mistakes_NameFileLineAndFix(string yaml, string message)
    {
        File.WriteAllText(_path, yaml);

        var error = Assert.Throws<InvalidDataException>(() => FaxSettingsFile.Read(_path));

        Assert.StartsWith(_path + message, error.Message);
    }

    [Fact]
    public void DocumentSource_FollowsTheLiveSet_AndLooksForTheRenderedFileWhenAsked()
    {
        using var files = new ExampleFlows();
        File.WriteAllText(Path.Combine(files.Flows, "fax_documents.yaml"), "documents:\n  - { id: policy, title: welcome, source: flows/main.yaml }\n");
        var set = FlowSetLoader.Load(files.Flows, files.Prompts).Set;
        var source = new FaxDocumentSource(() => set);

        Assert.True(source.Contains("policy"));
        Assert.False(source.Contains("guide"));
        Assert.Null(source.RenderedPath("policy"));
        var rendered = Path.Combine(Path.GetDirectoryName(files.Flows)!, "fax", "rendered", "policy.tif");
        Directory.CreateDirectory(Path.GetDirectoryName(rendered)!);
        File.WriteAllText(rendered, "II*");
        Assert.Equal(rendered, source.RenderedPath("policy"));
        set = null;
        Assert.False(source.Contains("policy"));
    }

    public void Dispose() => File.Delete(_path);
}
