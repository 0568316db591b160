namespace Ivr.Media.Recording;

/// <summary>
/// A finished recording: its length (after trimming), why it ended, the key that ended it (when
/// <see cref="Reason"/> is <see cref="RecordingEndReason.Key"/>), and whether any block was above
/// the silence threshold.
/// </summary>
public readonly record struct RecordingResult(TimeSpan Length, RecordingEndReason Reason, char? StopKey, bool HeardSound);
