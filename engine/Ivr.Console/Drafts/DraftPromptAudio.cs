using Ivr.Flows.Prompts;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// A draft's prompt audio: when a draft changes the prompt catalog, the audio of every prompt whose text (or voice) no longer
/// matches audio.manifest is made again with text-to-speech inside the laid-out draft — the serving files stay as they are,
/// and a prompt recorded by a person (<c>human</c>) is never synthesized over. A try-call of the draft then plays the new
/// text, and publishing writes the new audio and manifest with the catalog (<see cref="Changes"/>).
/// </summary>
public static class DraftPromptAudio
{
    /// <returns>What was regenerated, or null when the draft does not change the catalog (it plays the serving audio).</returns>
    public static async Task<PromptBuildReport?> RegenerateAsync(DraftFolder folder, IPromptSynthesizer synthesizer, CancellationToken cancellation)
    {
        var catalog = Path.Combine(folder.Prompts, "catalog.yaml");
        if (!folder.OwnsPrompts || !File.Exists(catalog)) return null;
        return await new PromptAudioBuilder(synthesizer).BuildAsync(catalog, cancellation);
    }

    /// <summary>The audio files publishing writes for <paramref name="report"/>: each regenerated prompt's WAV, then the manifest.</summary>
    public static IReadOnlyList<DraftFileChange> Changes(DraftFolder folder, PromptBuildReport report)
    {
        if (report.Generated.Count == 0) return [];
        var changes = report.Generated
            .Select(id => new DraftFileChange($"prompts/{id}.wav", null, File.ReadAllBytes(Path.Combine(folder.Prompts, $"{id}.wav"))))
            .ToList();
        changes.Add(new DraftFileChange($"prompts/{PromptAudioManifest.FileName}", null,
            File.ReadAllBytes(Path.Combine(folder.Prompts, PromptAudioManifest.FileName))));
        return changes;
    }
}
