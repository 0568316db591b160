using System.Runtime.CompilerServices;
using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Media.Wav;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The samples a prompt plays: its shared catalog audio, or — for a prompt without samples that names an
/// <see cref="Prompt.AudioFile"/>, such as the caller's own recording played back — that WAV file, read at
/// play time (a relative name is looked up in the recordings folder). The file must be 8 kHz mono.
/// A catalog prompt's samples are played as <see cref="SharedAudio"/>, kept beside the prompt for as long as its flow
/// version lives, so each law's codes are made once for every call, not per frame per call.
/// </summary>
internal static class PromptAudio
{
    private static readonly ConditionalWeakTable<Prompt, SharedAudio> s_shared = new();

    /// <summary>Queues the prompt's audio on <paramref name="stream"/> (nothing, finished at once, when it has none:
    /// <paramref name="problem"/> says why); returns the id the stream reports its end with.</summary>
    public static long Enqueue(PlayoutStream stream, Prompt prompt, string recordingsFolder, out string? problem)
    {
        if (prompt.Samples.IsEmpty) return stream.Enqueue(Of(prompt, recordingsFolder, out problem));
        problem = null;
        return stream.Enqueue(Shared(prompt));
    }

    /// <summary>The catalog prompt's audio as every call plays it (made on first use).</summary>
    public static SharedAudio Shared(Prompt prompt) => s_shared.GetValue(prompt, static p => new SharedAudio(p.Samples));

    public static ReadOnlyMemory<short> Of(Prompt prompt, string recordingsFolder, out string? problem)
    {
        problem = null;
        if (!prompt.Samples.IsEmpty || prompt.AudioFile is not { Length: > 0 } file)
        {
            if (prompt.Samples.IsEmpty) problem = $"prompt {prompt.Id} has no audio";
            return prompt.Samples;
        }

        var path = Path.IsPathRooted(file) ? file : Path.Combine(recordingsFolder, Path.GetFileName(file));
        try
        {
            var wav = WavFile.Read(path);
            if (wav.SampleRate != 8000 || wav.Channels != 1)
            {
                problem = $"prompt {prompt.Id}: {Path.GetFileName(path)} is {wav.SampleRate} Hz, {wav.Channels} channels; 8 kHz mono is needed";
                return ReadOnlyMemory<short>.Empty;
            }

            return wav.Samples;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or WavFormatException)
        {
            problem = $"prompt {prompt.Id}: {Path.GetFileName(path)} cannot be played: {ex.Message}";
            return ReadOnlyMemory<short>.Empty;
        }
    }
}
