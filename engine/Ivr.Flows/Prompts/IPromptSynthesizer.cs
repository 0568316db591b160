namespace Ivr.Flows.Prompts;

/// <summary>Speaks a text into a WAV file of 8 kHz mono 16-bit PCM.</summary>
public interface IPromptSynthesizer
{
    /// <returns>null on success, otherwise why no audio was made (the message names the fix).</returns>
    Task<string?> SynthesizeAsync(string voice, string text, string wavPath, CancellationToken cancellationToken);
}
