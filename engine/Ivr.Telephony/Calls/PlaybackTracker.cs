using Ivr.Media.Playout;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Maps the prompt ids of a <see cref="PlayoutStream"/> back to the flow's playback ids: a playback is
/// finished when its last prompt completes, interrupted when any of its prompts is stopped, and forgotten
/// (no report) when the stream is removed at hang-up. Not thread-safe: the channel holds its lock.
/// </summary>
internal sealed class PlaybackTracker
{
    private readonly Dictionary<long, int> _owner = [];
    private readonly Dictionary<int, long> _lastPromptOf = [];

    public void Add(int playbackId, IReadOnlyList<long> promptIds)
    {
        for (var i = 0; i < promptIds.Count; i++) _owner[promptIds[i]] = playbackId; // by index: no boxed enumerator
        _lastPromptOf[playbackId] = promptIds[^1];
    }

    /// <summary>The playback that ended with this prompt and whether it was interrupted, or null when nothing is to be reported.</summary>
    public (int PlaybackId, bool Interrupted)? Complete(long promptId, PlayoutEndReason reason)
    {
        if (!_owner.Remove(promptId, out var playbackId) || !_lastPromptOf.TryGetValue(playbackId, out var last)) return null;
        switch (reason)
        {
            case PlayoutEndReason.Finished when promptId == last:
                _lastPromptOf.Remove(playbackId);
                return (playbackId, false);
            case PlayoutEndReason.Stopped:
                _lastPromptOf.Remove(playbackId);
                return (playbackId, true);
            case PlayoutEndReason.Removed:
                _lastPromptOf.Remove(playbackId);
                return null;
            default:
                return null;
        }
    }
}
