using System.Data.Common;
using Dapper;

namespace Ivr.Data.Retention;

/// <summary>
/// Deletes the audio of voice messages that were called back before the cutoff (by the message's time) and marks the
/// message <c>recording_pruned_at</c>; the row stays. The file goes first: a crash between the two leaves a marked-later
/// message whose file is already gone, never a marked message whose audio is still on disk.
/// </summary>
internal static class RecordingPrune
{
    private const string Due = "status = 'called_back' AND recording_pruned_at IS NULL AND created_at < @cutoff";

    public static Task<long> CountAsync(DbConnection connection, string cutoff, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM voice_messages WHERE {Due};",
            new { cutoff }, cancellationToken: cancellation));

    public static async Task<long> PruneAsync(IvrDatabase database, string recordingsFolder, string cutoff, string now, int batch,
        CancellationToken cancellation)
    {
        long pruned = 0;
        while (true)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var due = (await connection.QueryAsync<(long Id, string Recording)>(new CommandDefinition(
                $"SELECT id, recording FROM voice_messages WHERE {Due} ORDER BY id LIMIT @batch;",
                new { cutoff, batch }, cancellationToken: cancellation))).ToList();
            foreach (var message in due)
            {
                if (FileOf(recordingsFolder, message.Recording) is { } file) File.Delete(file);
            }

            if (due.Count > 0)
            {
                await using var transaction = connection.BeginWrite();
                var ids = due.Select(m => m.Id).ToArray();
                pruned += await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE voice_messages SET recording_pruned_at = @now WHERE {connection.InList("id", "ids")};",
                    new { now, ids }, transaction, cancellationToken: cancellation));
                await transaction.CommitAsync(cancellation);
            }

            if (due.Count < batch) return pruned;
        }
    }

    /// <summary>The recording's path inside the folder; null for a name that would lead outside it.</summary>
    private static string? FileOf(string folder, string recording)
    {
        if (recording.Length == 0) return null;
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, recording));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}
