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

    public static Task<long> PruneAsync(IvrDatabase database, string recordingsFolder, string cutoff, string now, int batch,
        CancellationToken cancellation)
        => PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var due = (await connection.QueryAsync<(long Id, string Recording)>(new CommandDefinition(
                $"SELECT id, recording FROM voice_messages WHERE {Due} ORDER BY id LIMIT @batch;",
                new { cutoff, batch }, transaction, cancellationToken: cancellation))).ToList();
            if (due.Count == 0) return (0, 0L);
            foreach (var message in due)
            {
                if (FileOf(recordingsFolder, message.Recording) is { } file) File.Delete(file);
            }

            var ids = due.Select(m => m.Id).ToArray();
            var marked = await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE voice_messages SET recording_pruned_at = @now WHERE {connection.InList("id", "ids")};",
                new { now, ids }, transaction, cancellationToken: cancellation));
            return (due.Count, (long)marked);
        }, cancellation);

    /// <summary>The recording's path inside the folder; null for a name that would lead outside it.</summary>
    private static string? FileOf(string folder, string recording)
    {
        if (recording.Length == 0) return null;
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, recording));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}
