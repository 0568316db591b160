using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// What the server offers the editors' workbench (the host implements it): where the replay scripts are, running
/// them against a draft's flow set, and publishing files so that the new version is served at once.
/// </summary>
public interface IFlowWorkbench
{
    /// <summary>The replay scripts' folder (<c>tests/replay</c>); draft paths <c>replay/…</c> are relative to it.</summary>
    string ReplayDirectory { get; }

    /// <summary>Runs every script of <paramref name="replayDirectory"/> against <paramref name="set"/> on the virtual clock.</summary>
    Task<ReplayReport> ReplayAsync(FlowSet set, string replayDirectory, CancellationToken cancellation);

    /// <summary>
    /// Writes the files into flows/, prompts/ and the replay folder atomically (temporary file, then rename) and serves
    /// the flow set they make (one node: reloaded now; cluster: published for every node).
    /// </summary>
    /// <returns>The version serving afterwards, or null when the written set did not load (the log says why).</returns>
    Task<string?> PublishAsync(IReadOnlyList<DraftFileChange> files, string publishedBy, CancellationToken cancellation);
}
