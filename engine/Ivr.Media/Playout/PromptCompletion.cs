namespace Ivr.Media.Playout;

/// <summary>A prompt left the stream: which, why, and how many of its samples were sent.</summary>
public readonly record struct PromptCompletion(PlayoutStream Stream, long PromptId, PlayoutEndReason Reason, int SamplesPlayed);
