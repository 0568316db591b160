using Ivr.Media.Playout;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Maps the prompt ids of a <see cref="PlayoutStream"/> back to the flow's playback ids: a playback is
/// finished when its last prompt completes, interrupted when any of its prompts is stopped, and forgotten
/// (no report) when the stream is removed at hang-up. A playback's prompts were enqueued one after another, so their
/// ids are a range: the tracker keeps one small record per playback in progress (a held call has one or two), not a
/// map entry per prompt — two dictionaries were ~430 bytes of every held call's state (issue 13, session 18).
/// Not thread-safe: the call's serial queue is its only user.
/// </summary>
internal sealed class PlaybackTracker
{
    private readonly List<Playback> _playing = new(capacity: 2);

    /// <summary>Tracks playback <paramref name="playbackId"/>, whose prompts have the ids
    /// <paramref name="firstPromptId"/> to <paramref name="lastPromptId"/>.</summary>
    public void Add(int playbackId, long firstPromptId, long lastPromptId)
    {
        if (lastPromptId < firstPromptId) throw new ArgumentOutOfRangeException(nameof(lastPromptId), lastPromptId, "before the first prompt");
        _playing.Add(new Playback(playbackId, firstPromptId, lastPromptId));
    }

    /// <summary>The playback that ended with this prompt and whether it was interrupted, or null when nothing is to be reported.</summary>
    public (int PlaybackId, bool Interrupted)? Complete(long promptId, PlayoutEndReason reason)
    {
        var index = IndexOf(promptId);
        if (index < 0) return null;
        var playback = _playing[index];
        switch (reason)
        {
            case PlayoutEndReason.Finished when promptId == playback.LastPromptId:
                _playing.RemoveAt(index);
                return (playback.Id, false);
            case PlayoutEndReason.Stopped:
                _playing.RemoveAt(index);
                return (playback.Id, true);
            case PlayoutEndReason.Removed:
                _playing.RemoveAt(index);
                return null;
            default:
                return null; // a prompt before the last one finished
        }
    }

    /// <summary>How many playbacks are still to be reported or forgotten.</summary>
    public int Count => _playing.Count;

    private int IndexOf(long promptId)
    {
        for (var i = 0; i < _playing.Count; i++)
            if (promptId >= _playing[i].FirstPromptId && promptId <= _playing[i].LastPromptId) return i;
        return -1;
    }

    private readonly record struct Playback(int Id, long FirstPromptId, long LastPromptId);
}
