using Ivr.Data.Messages;
using Microsoft.Data.Sqlite;

namespace Ivr.Console.BrowserTests.Support;

/// <summary>Puts records into the running server's database, the way the IVR itself would have left them.</summary>
internal static class Seed
{
    /// <summary>
    /// A voice message whose recording is a copy of a real prompt (8 kHz mono WAV, a few seconds of Mandarin),
    /// stored, as the telephony layer stores them, by file name in DATA/recordings. Returns the message id.
    /// </summary>
    public static async Task<long> VoiceMessageAsync(ConsoleServer server, string callbackNumber, string reason, DateTimeOffset createdAt, DateOnly dueDate)
    {
        Directory.CreateDirectory(server.RecordingsFolder);
        var file = $"browser-{Guid.NewGuid():N}-1.wav";
        File.Copy(Path.Combine(RepositoryPaths.Prompts, "agent_busy.wav"), Path.Combine(server.RecordingsFolder, file));

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return await new VoiceMessageRepository(connection).InsertAsync(
            $"browser-{Guid.NewGuid():N}", file, callbackNumber, reason, createdAt, dueDate, CancellationToken.None);
    }
}
