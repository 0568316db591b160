using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Replay;
using Ivr.Sip.UserAgent;

namespace Ivr.Host.SipReplay;

/// <summary>
/// A replayed call on a live server: the caller's side is a real SIP call and RTP stream
/// (<see cref="CallerMedia"/>); what the server did is read back from the call events it records
/// (its SQLite database), found by the SIP Call-ID. A prompt is heard when its event is recorded;
/// it is playing while its audio arrives; a record node records once its instructions (and beep)
/// have played. Time is real (the media's clock): waits poll the database until the condition holds
/// or the step limit; the caller's RTP is paced apart from them, by the replay's playout scheduler.
/// </summary>
public sealed class LiveReplayLine(FlowSet set, SipOutboundCall call, CallerMedia media, SqliteCallHistory history, LiveReplayOptions options) : IReplayLine
{
    private readonly long _started = media.Time.GetTimestamp();
    private readonly List<CallEvent> _events = [];
    private readonly Queue<string> _unheard = new();
    private readonly List<string> _transfers = [];
    private readonly List<string> _faxes = [];
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private long _promptSeen;
    private string? _currentNode;
    private RecordNode? _recordNode;
    private bool _recordInstructionsPlayed;

    public FlowSet Set => set;

    public string CallId => call.CallId;

    public bool IsPlaying
    {
        get
        {
            var now = media.Time.GetTimestamp();
            var audio = media.LastAudio;
            if (audio != 0 && media.Time.GetElapsedTime(audio, now) < options.QuietGap) return true;
            return _promptSeen > audio && media.Time.GetElapsedTime(_promptSeen, now) < options.AudioStartGrace;
        }
    }

    public bool HasUnheard => _unheard.Count > 0;

    public IReadOnlyList<string> Transfers => _transfers;

    public IReadOnlyList<string> Faxes => _faxes;

    public bool IsRecording => _recordNode is not null && _recordInstructionsPlayed && !IsPlaying;

    public bool HasEnded { get; private set; }

    public string? Disposition { get; private set; }

    public IReadOnlyList<CallEvent> Events => _events;

    public string? CurrentNode => _currentNode;

    public TimeSpan Elapsed => media.Time.GetElapsedTime(_started);

    public bool RunUntil(Func<bool> condition)
    {
        var deadline = Elapsed + options.StepLimit;
        while (true)
        {
            Refresh();
            if (condition()) return true;
            if (HasEnded && !media.KeysPending && !IsPlaying) return false; // the call is over and every event read: nothing more will happen
            if (Elapsed > deadline) return false;
            Thread.Sleep(options.PollInterval);
        }
    }

    public void Pass(TimeSpan time) => Thread.Sleep(time);

    public void Press(char key) => media.Press(key);

    public bool TryTakeHeard(out string promptId) => _unheard.TryDequeue(out promptId!);

    /// <summary>Speaks for <paramref name="length"/>, then ends the recording with its end key, or falls silent.</summary>
    public void Speak(TimeSpan length, string endedBy)
    {
        var node = _recordNode;
        media.Speak(length);
        Thread.Sleep(length);
        if (endedBy == "key" && node?.EndKey is { } key) media.Press(key);
    }

    public void HangUp() => call.Hangup();

    public bool VariableIs(string name, string expected) =>
        _variables.TryGetValue(name, out var shown) && (shown == expected || IsSecure(name) && MaskFits(shown, expected));

    public bool IsSecure(string name) =>
        name == "call.caller" || set.AllNodes.OfType<CollectNode>().Any(c => c.Secure && c.Into == name);

    public string ShowVariable(string name) =>
        !_variables.TryGetValue(name, out var shown) ? "(unset)" : IsSecure(name) ? "(secure value)" : shown;

    /// <summary>Reads the events the server recorded since the last look.</summary>
    public void Refresh()
    {
        var all = history.Events(call.CallId);
        for (var i = _events.Count; i < all.Count; i++)
        {
            _events.Add(all[i]);
            Apply(all[i]);
        }
    }

    private void Apply(CallEvent e)
    {
        switch (e.Kind)
        {
            case CallEventKind.NodeEntered:
                _currentNode = e.Node;
                _recordNode = e.Node is null ? null : set.FindNode(e.Node) as RecordNode;
                _recordInstructionsPlayed = false;
                break;
            case CallEventKind.PromptPlayed when e.Outcome is null:
                foreach (var id in (e.Detail ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) _unheard.Enqueue(id);
                if (!string.IsNullOrEmpty(e.Detail)) _promptSeen = media.Time.GetTimestamp();
                if (_recordNode is { } record && e.Node == record.Id)
                {
                    _recordInstructionsPlayed = true;
                    if (record.Beep) _unheard.Enqueue("beep"); // the channel's tone: no event of its own
                }

                break;
            case CallEventKind.PlaybackInterrupted:
                _promptSeen = 0; // stopped (barge-in): its audio may never come
                break;
            case CallEventKind.RecordingSaved:
                _recordNode = null;
                break;
            case CallEventKind.TransferRequested when e.Detail is { } queue:
                _transfers.Add(queue);
                break;
            case CallEventKind.DigitsReceived when e.Outcome is null && e.Node is { } node && set.FindNode(node) is CollectNode collect:
                _variables[collect.Into] = e.Detail ?? ""; // an accepted entry is the collect's variable (masked when secure)
                break;
            case CallEventKind.VariableSet when e.Detail is { } assignment && assignment.IndexOf('=') is > 0 and var eq:
                _variables[assignment[..eq]] = assignment[(eq + 1)..];
                break;
            case CallEventKind.FaxStarted when e.Detail is { } fax && fax.StartsWith("document ", StringComparison.Ordinal):
                _faxes.Add(fax["document ".Length..]);
                break;
            case CallEventKind.CallEnded:
                HasEnded = true;
                Disposition = e.Outcome;
                break;
        }
    }

    /// <summary>A masked value (<c>110105********002X</c>) fits a value in clear when every shown character matches.</summary>
    private static bool MaskFits(string masked, string clear) =>
        masked.Length == clear.Length && masked.Zip(clear).All(p => p.First == '*' || p.First == p.Second);
}
