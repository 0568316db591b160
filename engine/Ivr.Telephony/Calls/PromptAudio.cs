using Ivr.Core.Channel;
using Ivr.Media.Wav;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The samples a prompt plays: its shared catalog audio, or — for a prompt without samples that names an
/// <see cref="Prompt.AudioFile"/>, such as the caller's own recording played back — that WAV file, read at
/// play time (a relative name is looked up in the recordings folder). The file must be 8 kHz mono.
/// </summary>
internal static class PromptAudio
{
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
