using Ivr.Media.Resampling;
using Ivr.Media.Wav;

namespace Ivr.Media.Conversion;

/// <summary>
/// Turns an uploaded recording — WAV (PCM 8/16/24/32-bit, IEEE float, µ-law, A-law) or MP3 (MPEG-1/2 layer III), any rate and
/// channel count — into what the prompt player sends: 8 kHz mono 16-bit PCM. Channels are averaged, the rate is converted
/// with NAudio's WDL resampler (<see cref="PcmResampler"/>). Anything else, and audio beyond the limits, is refused with
/// <see cref="UnsupportedAudioException"/> saying why.
/// </summary>
public static class UploadedAudio
{
    /// <summary>The largest upload taken (a 5-minute 48 kHz stereo 16-bit WAV is 55 MB; prompts are seconds long).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The longest prompt taken.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(3);

    public const int PromptRate = 8000;

    public static ConvertedAudio ToPromptFormat(byte[] upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length == 0) throw new UnsupportedAudioException("the upload is empty");
        if (upload.Length > MaxBytes) throw new UnsupportedAudioException($"the upload is {upload.Length / 1024} KiB; at most {MaxBytes / 1024 / 1024} MiB are taken");
        var decoded = UploadFormat.Of(upload) switch
        {
            UploadFormat.Kind.Wav => WavDecoder.Decode(upload),
            UploadFormat.Kind.Mp3 => Mp3Decoder.Decode(upload),
            _ => throw new UnsupportedAudioException("not audio: expected a WAV (RIFF/WAVE) or MP3 file"),
        };
        if (decoded.Mono.Length == 0) throw new UnsupportedAudioException("the file holds no audio samples");
        var duration = TimeSpan.FromSeconds((double)decoded.Mono.Length / decoded.SampleRate);
        if (duration > MaxDuration) throw new UnsupportedAudioException($"the recording lasts {duration.TotalSeconds:0.#} s; a prompt lasts at most {MaxDuration.TotalSeconds:0} s");
        var samples = decoded.SampleRate == PromptRate ? decoded.Mono : PcmResampler.Resample(decoded.Mono, decoded.SampleRate, PromptRate);
        using var wav = new MemoryStream();
        WavFile.Write(wav, samples, PromptRate);
        return new ConvertedAudio(wav.ToArray(), TimeSpan.FromSeconds((double)samples.Length / PromptRate), decoded.Description);
    }
}
