using Ivr.Data.Operations;
using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Flows;

/// <summary>
/// Records every flow-set version the server serves, with the text of its files, so that the console can
/// show the history and diff two versions. Hooked to the flow host's swap; the files are read right after
/// the swap from the folder the version was loaded from (<paramref name="flowsDirectory"/>: the node's flows folder,
/// or in cluster mode the published copy, which never changes), so on one node a save landing in between is
/// recorded under the version before it (the next swap records it again).
/// </summary>
public sealed class FlowHistory(IvrDatabase database, Func<string> flowsDirectory, TimeProvider time, Action<string> log)
{
    public async Task RecordAsync(FlowSet set, CancellationToken cancellation)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            var added = await new FlowVersionRepository(connection, transaction).RecordAsync(set.Version, time.GetUtcNow(), FlowFiles.Read(flowsDirectory()), cancellation);
            await transaction.CommitAsync(cancellation);
            if (added) log($"console: flow version {set.Version} recorded in the history");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log($"console: flow version {set.Version} not recorded: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
