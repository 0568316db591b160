using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ivr.Data.Spool;

/// <summary>
/// What calls leave for agents (voice messages, follow-ups, survey answers; <see cref="SpooledRequest"/>) kept on this
/// node's disk while the database is unreachable, so a caller told "we will call you back" is never lost: one file per
/// request (written to a temporary name, then renamed, readable by the service's user only), written into the
/// database by <see cref="FlushAsync"/> once it answers again and then deleted. A request already in the database
/// (written, then the node stopped before deleting its file) is not written twice. A file from before follow-ups and
/// surveys were spooled (no <c>kind</c>) is a voice message.
/// </summary>
public sealed class CallerRequestSpool(string directory, Action<string> log)
{
    private static readonly JsonSerializerOptions Json = new() { AllowOutOfOrderMetadataProperties = true };
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public string Directory { get; } = directory;

    /// <summary>Requests waiting for the database.</summary>
    public int Pending => System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.json").Length : 0;

    public void Hold(SpooledRequest request)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{request.CreatedAt.UtcTicks:D20}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Directory, name + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // it may hold a phone number
        using (var file = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(file, request, Json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(Directory, name + ".json"));
    }

    /// <summary>Writes every held request into <paramref name="database"/>, oldest first; stops at the first sign the
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
                SpooledRequest request;
                try
                {
                    request = Read(path);
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException)
                {
                    File.Move(path, Path.ChangeExtension(path, ".unreadable"));
                    log($"spool: {Path.GetFileName(path)} is unreadable ({ex.Message}); set aside as .unreadable");
                    continue;
                }

                try
                {
                    await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
                    if (!await request.IsWrittenAsync(connection, cancellation).ConfigureAwait(false))
                        await request.WriteAsync(connection, cancellation).ConfigureAwait(false);
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

    private static SpooledRequest Read(string path)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new JsonException("not a JSON object");
        if (!node.ContainsKey("kind")) node["kind"] = "voice_message";
        return node.Deserialize<SpooledRequest>(Json) ?? throw new JsonException("empty");
    }
}
