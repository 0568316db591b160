using System.Text.Json;

namespace Ivr.Data.Messages;

/// <summary>A voice message (a caller's callback ticket) the database could not take when it was left.</summary>
public sealed record SpooledVoiceMessage(string CallId, string Recording, string CallbackNumber, string Reason, DateTimeOffset CreatedAt, DateOnly DueDate);

/// <summary>
/// Voice messages kept on this node's disk while the database is unreachable, so a caller told "we will call
/// you back" is never lost: one file per message (written to a temporary name, then renamed, readable by the
/// service's user only), written into the database by <see cref="FlushAsync"/> once it answers again and then
/// deleted. A message already in the database (written, then the node stopped before deleting its file) is not
/// written twice.
/// </summary>
public sealed class VoiceMessageSpool(string directory, Action<string> log)
{
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public string Directory { get; } = directory;

    /// <summary>Messages waiting for the database.</summary>
    public int Pending => System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.json").Length : 0;

    public void Hold(SpooledVoiceMessage message)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{message.CreatedAt.UtcTicks:D20}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Directory, name + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // it holds a phone number
        using (var file = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(file, message);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(Directory, name + ".json"));
    }

    /// <summary>Writes every held message into <paramref name="database"/>, oldest first; stops at the first sign the
    /// database is still away. Returns how many were written now.</summary>
    public async Task<int> FlushAsync(IvrDatabase database, CancellationToken cancellation)
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        if (!_flushing.Wait(0)) return 0; // one flush at a time
        try
        {
            var written = 0;
            foreach (var path in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
            {
                SpooledVoiceMessage? message;
                try
                {
                    message = JsonSerializer.Deserialize<SpooledVoiceMessage>(File.ReadAllBytes(path));
                }
                catch (JsonException ex)
                {
                    File.Move(path, Path.ChangeExtension(path, ".unreadable"));
                    log($"spool: {Path.GetFileName(path)} is unreadable ({ex.Message}); set aside as .unreadable");
                    continue;
                }

                try
                {
                    await WriteAsync(database, message!, cancellation).ConfigureAwait(false);
                }
                catch (Exception ex) when (DatabaseOutage.Is(ex))
                {
                    return written;
                }

                File.Delete(path);
                written++;
            }

            return written;
        }
        finally
        {
            _flushing.Release();
        }
    }

    private static async Task WriteAsync(IvrDatabase database, SpooledVoiceMessage message, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var messages = new VoiceMessageRepository(connection);
        if (await messages.ExistsAsync(message.CallId, message.CreatedAt, cancellation).ConfigureAwait(false)) return;
        await messages.InsertAsync(message.CallId, message.Recording, message.CallbackNumber, message.Reason, message.CreatedAt, message.DueDate,
            cancellation).ConfigureAwait(false);
    }
}
