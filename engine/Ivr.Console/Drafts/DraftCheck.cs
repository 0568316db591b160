using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Flows.Validation;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>Checks a laid-out draft with the server's own validator and, when asked, runs the replay gate on it.</summary>
public sealed class DraftCheck(IReadOnlyCollection<string>? operations, IFlowWorkbench? workbench, TimeProvider time)
{
    /// <summary>Loads the draft's flow set (null when it has errors) with its diagnostics.</summary>
    public (FlowSet? Set, IReadOnlyList<DraftDiagnostic> Diagnostics) Load(DraftFolder folder)
    {
        var result = FlowSetLoader.Load(folder.Flows, folder.Prompts, operations, time);
        return (result.Set, result.Diagnostics.Select(d => ToDraft(folder, d)).ToList());
    }

    public async Task<DraftCheckReport> RunAsync(DraftFolder folder, bool replay, CancellationToken cancellation)
    {
        var (set, diagnostics) = Load(folder);
        var report = replay && set is not null && workbench is not null ? await workbench.ReplayAsync(set, folder.Replay, cancellation) : null;
        return new DraftCheckReport(set is not null, set?.Version, diagnostics, report);
    }

    private static DraftDiagnostic ToDraft(DraftFolder folder, Diagnostic d)
    {
        var path = d.Path;
        if (Path.IsPathRooted(path) || path.StartsWith(folder.Root, StringComparison.Ordinal))
        {
            var relative = Path.GetRelativePath(folder.Root, path);
            path = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(path) : relative;
        }

        return new DraftDiagnostic(path.Replace('\\', '/'), d.Line, d.Column, d.Severity == Severity.Error ? "error" : "warning", d.Message);
    }
}
