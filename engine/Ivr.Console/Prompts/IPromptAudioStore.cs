namespace Ivr.OperationsConsole.Prompts;

/// <summary>
/// Where an editor's recording of a prompt goes: converted to the prompt format (8 kHz mono 16-bit WAV) and marked
/// <c>human</c> so text-to-speech never overwrites it. The served store writes the node's prompts folder (hot reload
/// serves it); a draft's store writes the draft.
/// </summary>
public interface IPromptAudioStore
{
    /// <summary>The largest upload taken, in bytes (bigger ones are refused before they are read).</summary>
    long MaxUploadBytes { get; }

    /// <summary>Converts and stores <paramref name="upload"/> as prompt <paramref name="promptId"/>'s audio.</summary>
    Task<PromptAudioSaved> SaveRecordingAsync(string promptId, byte[] upload, CancellationToken cancellation);

    /// <summary>Regenerates, with text-to-speech, the audio of every prompt whose text changed since its audio was made; never a human one.</summary>
    Task<Ivr.Flows.Prompts.PromptBuildReport> RegenerateChangedAsync(CancellationToken cancellation);

    /// <summary>Whether the prompt's audio was recorded by a person (never synthesized over).</summary>
    bool IsHuman(string promptId);
}
