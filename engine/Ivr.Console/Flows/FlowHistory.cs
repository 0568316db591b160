using Ivr.Data.Operations;
using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Flows;

/// <summary>
/// Records every flow-set version the server serves, with the text of its files, so that the console can
/// show the history and diff two versions. Hooked to the flow host's swap; the files are read right after
/// the swap from the folders the version was loaded from (<paramref name="flowsDirectory"/>: the node's flows folder,
/// or in cluster mode the published copy, which never changes), so on one node a save landing in between is
/// recorded under the version before it (the next swap records it again). Given the prompts folder, its text files
/// (the prompt catalog) are recorded too, as <c>prompts/…</c>, so that a rollback restores the prompts' text with the flows.
/// </summary>
public sealed class FlowHistory(IvrDatabase database, Func<string> flowsDirectory, TimeProvider time, Action<string> log, Func<string>? promptsDirectory = null)
{
    /// <summary>The prefix of the prompts folder's files among a version's files.</summary>
    public const string PromptsPrefix = "prompts/";

    public async Task RecordAsync(FlowSet set, CancellationToken cancellation)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            var added = await new FlowVersionRepository(connection, transaction).RecordAsync(set.Version, time.GetUtcNow(), Files(), cancellation);
            await transaction.CommitAsync(cancellation);
            if (added) log($"console: flow version {set.Version} recorded in the history");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log($"console: flow version {set.Version} not recorded: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private IReadOnlyCollection<FlowVersionFile> Files()
    {
        var files = FlowFiles.Read(flowsDirectory());
        if (promptsDirectory is null) return files;
        return [.. files, .. FlowFiles.Read(promptsDirectory()).Select(f => f with { Path = PromptsPrefix + f.Path })];
    }
}
