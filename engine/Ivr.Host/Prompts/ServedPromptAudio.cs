using Ivr.Flows.Prompts;
using Ivr.Media.Conversion;
using Ivr.OperationsConsole.Prompts;

namespace Ivr.Host.Prompts;

/// <summary>
/// Recordings uploaded in the console, written into the served prompts folder: converted to 8 kHz mono 16-bit
/// (<see cref="UploadedAudio"/>), written beside the catalog as <c>&lt;id&gt;.wav</c> through a temporary file and a rename
/// (a reload never reads half a file), and marked <c>human</c> in audio.manifest, so <c>ivr prompts build</c> never
/// synthesizes over it. The flow watcher then serves it to new calls.
/// </summary>
public sealed class ServedPromptAudio(string promptsDirectory) : IPromptAudioStore
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public long MaxUploadBytes => UploadedAudio.MaxBytes;

    public async Task<PromptAudioSaved> SaveRecordingAsync(string promptId, byte[] upload, CancellationToken cancellation)
    {
        ConvertedAudio converted;
        try
        {
            converted = UploadedAudio.ToPromptFormat(upload);
        }
        catch (UnsupportedAudioException e)
        {
            return PromptAudioSaved.Refused(e.Message);
        }

        await _writing.WaitAsync(cancellation);
        try
        {
            var manifestPath = Path.Combine(promptsDirectory, PromptAudioManifest.FileName);
            var manifest = PromptAudioManifest.Load(manifestPath, []);
            Ivr.Core.Files.AtomicFile.Write(Path.Combine(promptsDirectory, $"{promptId}.wav"), converted.Wav);
            manifest.SetHuman(promptId);
            manifest.Save(manifestPath);
        }
        finally
        {
            _writing.Release();
        }

        return new PromptAudioSaved(true, null, converted.Duration.TotalSeconds, converted.Source);
    }

    /// <summary>What <c>ivr prompts build</c> does, for the console: espeak-ng for every changed text, human recordings kept.</summary>
    public async Task<PromptBuildReport> RegenerateChangedAsync(CancellationToken cancellation)
    {
        await _writing.WaitAsync(cancellation);
        try
        {
            return await new PromptAudioBuilder(new EspeakSynthesizer()).BuildAsync(Path.Combine(promptsDirectory, "catalog.yaml"), cancellation);
        }
        finally
        {
            _writing.Release();
        }
    }

    public bool IsHuman(string promptId)
        => PromptAudioManifest.Load(Path.Combine(promptsDirectory, PromptAudioManifest.FileName), []).IsHuman(promptId);
}
