namespace Ivr.Core.Channel;

/// <param name="PlaybackId">Echoed in <see cref="ICallInput.PlaybackFinished"/> so a late report of an
/// older playback is never mistaken for the current one.</param>
public sealed record PlayRequest(int PlaybackId, IReadOnlyList<Prompt> Prompts, bool BargeIn);
