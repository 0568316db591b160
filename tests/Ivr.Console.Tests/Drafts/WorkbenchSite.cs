using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.OperationsConsole.Drafts;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// A copy of the repository's flows, prompts, fax documents and replay scripts in a temporary folder, served by a real
/// <see cref="FlowSetHost"/> with the console's workbench on it (publishing writes into the copy and reloads it).
/// </summary>
internal sealed class WorkbenchSite : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ivr-workbench-tests", Guid.NewGuid().ToString("N"));

    private WorkbenchSite()
    {
        foreach (var (from, to) in new[] { ("flows", "flows"), ("fax", "fax"), (Path.Combine("prompts", "zh-CN"), "prompts"), (Path.Combine("tests", "replay"), "replay") })
            Copy(Path.Combine(RepositoryPaths.Root, from), Path.Combine(_root, to));
    }

    public string Flows => Path.Combine(_root, "flows");

    public string Prompts => Path.Combine(_root, "prompts");

    public string Replay => Path.Combine(_root, "replay");

    public FlowSetHost Host { get; private set; } = null!;

    public ConsoleTestServer Server { get; private set; } = null!;

    /// <param name="withEditor">The editors' tools too (try-calls on the demo back end).</param>
    /// <param name="around">Wraps the workbench the console publishes through (a test holding a publish back).</param>
    public static async Task<WorkbenchSite> StartAsync(bool withEditor = false, Func<IFlowWorkbench, IFlowWorkbench>? around = null)
    {
        var site = new WorkbenchSite();
        var log = new List<string>();
        site.Host = new FlowSetHost(site.Flows, site.Prompts, KnownOperations.All, TimeProvider.System, line => { lock (log) log.Add(line); });
        Assert.True(site.Host.Reload(), string.Join('\n', log));
        var workbench = new FlowWorkbench(site.Host, site.Flows, site.Prompts, site.Replay, null, _ => { });
        var source = new FlowSource(() => site.Host.Current, site.Flows, site.Prompts, KnownOperations.All);
        site.Server = await ConsoleTestServer.StartAsync(flows: source, workbench: around is null ? workbench : around(workbench), withEditor: withEditor);
        var history = new FlowHistory(site.Server.Database, () => site.Flows, site.Server.Time, _ => { }, () => site.Prompts);
        await history.RecordAsync(site.Host.Current!, CancellationToken.None);
        site.Host.Swapped += set => history.RecordAsync(set, CancellationToken.None).GetAwaiter().GetResult();
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Host.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
