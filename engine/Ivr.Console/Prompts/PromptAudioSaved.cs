namespace Ivr.OperationsConsole.Prompts;

/// <summary>What an upload became: stored (how long, from what), or refused with the reason for the uploader.</summary>
public sealed record PromptAudioSaved(bool Stored, string? Refusal, double Seconds = 0, string? Source = null)
{
    public static PromptAudioSaved Refused(string reason) => new(false, reason);
}
