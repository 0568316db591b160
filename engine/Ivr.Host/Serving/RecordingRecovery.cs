using Ivr.Data.Messages;
using Ivr.Media.Wav;
using Ivr.Telephony.Calls;

namespace Ivr.Host.Serving;

/// <summary>
/// The start-up step that keeps what a crash cut short (issue 14): recordings are written to disk as they are recorded,
/// so a server killed while a caller spoke leaves a WAV whose header still holds placeholder sizes. Before calls are
/// taken, each such file gets its real sizes (<see cref="WavRepair"/>) and is stored as an incomplete voice message
/// (<see cref="IncompleteMessages"/>), which the console marks 未完成; a file with no audio yet is removed. The message
/// is stored before the header is patched, so a crash during recovery repeats the step without a second message.
/// </summary>
internal static class RecordingRecovery
{
    public static async Task RunAsync(string folder, IncompleteMessages messages, Action<string> log, CancellationToken cancellation)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            try
            {
                if (!WavRepair.IsUnfinished(path)) continue;
                var samples = (new FileInfo(path).Length - WavHeader.Length) / 2;
                if (samples <= 0)
                {
                    File.Delete(path);
                    log($"recording {name}: cut by a crash before any audio was written; removed");
                    continue;
                }

                var id = await messages.StoreAsync(name, callId => RecordingFiles.IsRecordingOf(name, callId), cancellation);
                WavRepair.Finish(path);
                log($"recording {name}: {samples / 8000.0:0.0} s kept from a call cut by a crash; {(id is { } stored ? $"stored as incomplete voice message #{stored}" : "its message was stored before")}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log($"recording {name}: cut by a crash and could not be recovered: {ex.Message}");
            }
        }
    }
}
