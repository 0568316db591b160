using System.Text.Json;
using Ivr.Data;
using Ivr.Data.Fax;
using Ivr.Host.Tests.Cli;

namespace Ivr.Host.Tests.Fax;

/// <summary><c>ivr fax list</c>: the operator's view of scheduled faxes, numbers masked.</summary>
[Collection("console")]
public sealed class FaxCommandTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly string _data = Directory.CreateTempSubdirectory("ivr-fax-list-").FullName;

    private async Task<long[]> Seed()
    {
        await using var connection = await IvrDatabase.Open(Path.Combine(_data, "ivr.db")).OpenConnectionAsync(default);
        var jobs = new FaxJobRepository(connection);
        var queued = await jobs.InsertAsync("call-1", "pension_policy", "01088889999", At.AddHours(1), 3, At, default);
        var sent = await jobs.InsertAsync("call-2", "card_guide", "13812345678", At, 3, At, default);
        await jobs.TryClaimAsync(sent, At, default);
        await jobs.RecordAttemptAsync(sent, FaxJobStatus.Sent, null, "sent", 2, 2, 0, "ok", At, default);
        return [queued, sent];
    }

    [Fact]
    public async Task List_ShowsEveryJobNewestFirst_NumbersMasked()
    {
        await Seed();

        var (code, output, errors) = await ProgramTests.Run("fax", "list", "--data", _data);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id", lines[0]);
        Assert.Matches(@"^2\s+sent\s+card_guide\s+138\*\*\*\*\*678\s+2026-11-23 10:00\s+1/3\s+2/2\s+sent\s+call-2", lines[1]);
        Assert.Matches(@"^1\s+queued\s+pension_policy\s+010\*\*\*\*\*999\s+2026-11-23 11:00\s+0/3\s+0/0\s+-\s+call-1", lines[2]);
        Assert.DoesNotContain("01088889999", output);
        Assert.DoesNotContain("13812345678", output);
        Assert.Contains("2 jobs", errors);
    }

    [Fact]
    public async Task List_StatusAndJson_OneMaskedJob()
    {
        await Seed();

        var (code, output, _) = await ProgramTests.Run("fax", "list", "--status", "queued", "--json", "--data", _data);

        Assert.Equal(0, code);
        var job = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal(("010*****999", "queued", "call-1"), (job.GetProperty("number").GetString(), job.GetProperty("status").GetString(), job.GetProperty("call_id").GetString()));
    }

    [Fact]
    public async Task List_UnknownStatus_ExitsTwoNamingTheStates()
    {
        var (code, _, errors) = await ProgramTests.Run("fax", "list", "--status", "lost", "--data", _data);

        Assert.Equal(2, code);
        Assert.Contains("--status must be one of queued, sending, sent, failed, retry_wait, cancelled, not 'lost'", errors);
    }

    [Fact]
    public async Task List_NoDatabase_ExitsOne()
    {
        var (code, _, errors) = await ProgramTests.Run("fax", "list", "--data", Path.Combine(_data, "nowhere"));

        Assert.Equal(1, code);
        Assert.Contains("no database", errors);
    }

    [Fact]
    public async Task Fax_UnknownOrMissingVerb_ExitsTwoListingTheVerbs()
    {
        var (unknown, _, errors) = await ProgramTests.Run("fax", "shred");
        var (missing, _, _) = await ProgramTests.Run("fax");

        Assert.Equal((2, 2), (unknown, missing));
        Assert.Contains("unknown verb 'shred'; the verbs are list", errors);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
