namespace Ivr.Core.Channel;

/// <param name="RecordingId">Where the channel kept the audio (a file name in the data folder), null when nothing was heard.</param>
/// <param name="EndedBy">key, silence, max_length or hangup.</param>
public sealed record RecordingResult(string? RecordingId, TimeSpan Length, string EndedBy);
