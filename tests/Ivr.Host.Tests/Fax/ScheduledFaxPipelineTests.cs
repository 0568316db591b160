using Ivr.Core.Fax;
using Ivr.Data;
using Ivr.Data.Fax;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Ivr.Flows.Loading;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Simulation;

namespace Ivr.Host.Tests.Fax;

/// <summary>
/// 定时传真 from the caller's keys to the dialer: the shipped flow and a replay script queue the job
/// through the real back end, and the scheduler sends it to the number the caller typed, linked to the call.
/// </summary>
public sealed class ScheduledFaxPipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-fax-pipeline-").FullName;

    [Fact]
    public async Task ScheduledNow_QueuedByTheCall_SentByTheScheduler()
    {
        var root = ExampleFlows.RepositoryRoot;
        var loaded = FlowSetLoader.Load(Path.Combine(root, "flows"), Path.Combine(root, "prompts", "zh-CN"), Commands.KnownOperations.All);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        var set = loaded.Set!;
        var database = IvrDatabase.Open(Path.Combine(_folder, "ivr.db"));
        var catalog = new Catalog(set.FaxDocuments.Documents.Select(d => d.Id));
        var runner = new ReplayRunner(set, clock => new ServiceLookupService(database, clock, pinHasher: new PinHasher(100), faxDocuments: catalog));
        var script = ReplayScriptReader.Read(Path.Combine(root, "tests", "replay", "fax", "09-scheduled-now.yaml"));

        var call = runner.Run(script);

        Assert.True(call.Passed, call.Failure);
        FaxJob job;
        await using (var connection = await database.OpenConnectionAsync(default))
            job = Assert.Single(await new FaxJobRepository(connection).ListAsync(null, 10, default));
        Assert.Equal(("replay-1", "contribution_guide", script.Data["fax_beijing"], FaxJobStatus.Queued), (job.CallId, job.DocumentId, job.Number, job.Status));
        Assert.Contains(call.Events, e => e.Kind == Core.Calls.CallEventKind.VariableSet && e.Detail == $"fax_job={job.Id}");
        Assert.DoesNotContain(call.Events, e => e.Detail?.Contains(job.Number, StringComparison.Ordinal) == true);

        var clock = new VirtualClock(job.DueAt.AddMinutes(1));
        var dialer = new RecordingDialer();
        await new FaxJobScheduler(database, dialer, catalog, FaxSettings.Default, clock).SendDueAsync(default);

        Assert.Equal((script.Data["fax_beijing"], "/rendered/contribution_guide.tif"), Assert.Single(dialer.Calls));
        await using (var connection = await database.OpenConnectionAsync(default))
            Assert.Equal(FaxJobStatus.Sent, (await new FaxJobRepository(connection).GetAsync(job.Id, default))!.Status);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Catalog(IEnumerable<string> ids) : IFaxDocuments
    {
        private readonly HashSet<string> _ids = [.. ids];

        public bool Contains(string documentId) => _ids.Contains(documentId);

        public string? RenderedPath(string documentId) => Contains(documentId) ? $"/rendered/{documentId}.tif" : null;
    }

    private sealed class RecordingDialer : IFaxDialer
    {
        public List<(string Number, string Tiff)> Calls { get; } = [];

        public Task<FaxResult> SendAsync(string number, string tiffPath, CancellationToken cancellation)
        {
            Calls.Add((number, tiffPath));
            return Task.FromResult(new FaxResult(FaxOutcome.Sent, 2, 2, 0, "ok"));
        }
    }
}
