using System.Diagnostics;
using Ivr.Flows.Model;
using Ivr.Host.Commands;
using Ivr.OperationsConsole.Drafts;
using Ivr.Runtime.Replay;

namespace Ivr.Host.Hosting;

/// <summary>
/// The editors' workbench on this server (<see cref="IFlowWorkbench"/>): the replay gate runs every script of the replay
/// folder on the virtual clock against a fresh demo database; publishing writes the files into the served folders
/// atomically (a hidden temporary file renamed over the old one, so the watcher and the loader never read half a file)
/// and serves the result at once — one node reloads now; in cluster mode <paramref name="publish"/> publishes the folders
/// for every node and this node serves the new version when its notification arrives.
/// </summary>
public sealed class FlowWorkbench(FlowSetHost flows, string flowsDirectory, string promptsDirectory, string replayDirectory,
    Func<string, CancellationToken, Task<bool>>? publish, Action<string> log) : IFlowWorkbench
{
    /// <summary>How long cluster mode waits for its own node to serve what it published.</summary>
    public static readonly TimeSpan ServeLimit = TimeSpan.FromSeconds(5);

    public string ReplayDirectory { get; } = replayDirectory;

    public async Task<ReplayReport> ReplayAsync(FlowSet set, string replayDirectory, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        await using var backend = await DemoBackend.CreateAsync(set, cancellation);
        var coverage = new FlowCoverage(set);
        var files = Directory.Exists(replayDirectory) ? ScriptFiles.Find([replayDirectory]) : [];
        var results = await Task.Run(() => ReplaySuite.Run(new ReplayRunner(set, backend.Lookups), coverage, files, cancellation: cancellation), cancellation);
        var total = coverage.Total;
        return new ReplayReport(
            [.. results.Select(r => new ReplayScriptOutcome(Path.GetRelativePath(replayDirectory, r.Script.Path).Replace('\\', '/'), r.Passed, r.Failure))],
            total.Nodes, total.NodesCovered, total.Edges, total.EdgesCovered, total.MissedNodes, total.MissedEdges,
            Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public async Task<string?> PublishAsync(IReadOnlyList<DraftFileChange> files, string publishedBy, CancellationToken cancellation)
    {
        foreach (var file in files) Write(file);
        log($"flows: {publishedBy} published {files.Count} files from the console");
        if (publish is null)
        {
            flows.Reload();
            return flows.Current?.Version;
        }

        var before = flows.Current?.Version;
        if (!await publish(publishedBy, cancellation)) return null;
        var deadline = Stopwatch.GetTimestamp() + (long)(ServeLimit.TotalSeconds * Stopwatch.Frequency);
        while (flows.Current?.Version == before && Stopwatch.GetTimestamp() < deadline) await Task.Delay(20, cancellation);
        return flows.Current?.Version;
    }

    private void Write(DraftFileChange file)
    {
        var parts = file.Path.Split('/');
        if (file.Audio is { } audio)
        {
            if (DraftPaths.CheckAudioPath(file.Path) is { } notAudio) throw new InvalidDataException($"{file.Path}: {notAudio}");
            Ivr.Core.Files.AtomicFile.Write(Path.Combine(promptsDirectory, parts[1]), audio);
            return;
        }

        if (DraftPaths.CheckPath(file.Path) is { } refusal) throw new InvalidDataException($"{file.Path}: {refusal}");
        var folder = parts[0] switch
        {
            "flows" => flowsDirectory,
            "prompts" => promptsDirectory,
            _ => ReplayDirectory,
        };
        var target = Path.Combine(folder, Path.Combine(parts[1..]));
        if (file.Content is null)
        {
            File.Delete(target);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Ivr.Core.Files.AtomicFile.WriteText(target, file.Content);
    }
}
