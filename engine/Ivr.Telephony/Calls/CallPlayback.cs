using Ivr.Core.Channel;
using Ivr.Media.Playout;

namespace Ivr.Telephony.Calls;

/// <summary>
/// What a call plays (its <see cref="PlayoutStream"/> in the shared <see cref="PlayoutScheduler"/>): the flow's
/// playbacks, reported finished or interrupted through <see cref="CallReports"/>, and the channel's own sounds (the
/// recording beep, ring-back), whose end goes to whoever played them. A new playback replaces the one in progress.
/// The pacing thread only posts the stream's completions to the call's serial queue; everything else here runs on
/// that queue, so nothing needs a lock — prompt files (a caller's recording played back) are read there too.
/// </summary>
internal sealed class CallPlayback
{
    private readonly CallContext _call;
    private readonly PlayoutScheduler _scheduler;
    private readonly PlayoutStream _stream;
    private readonly PlaybackTracker _playbacks = new();
    private Dictionary<long, Action<PlayoutEndReason>>? _sounds; // made with the first sound told of its end (a beep)
    private long? _keyArrivedAt;

    /// <param name="send">Where the stream's packets go (the call's <see cref="MediaLeg.Send"/>).</param>
    public CallPlayback(CallContext call, PlayoutScheduler scheduler, NegotiatedMedia media, PacketSink send)
    {
        _call = call;
        _scheduler = scheduler;
        _stream = scheduler.AddStream(media.Law, new RtpSender((byte)media.PayloadType, call.Time), send, Posted);
    }

    public PlayoutStream Stream => _stream;

    /// <summary>A key reported to the flow arrived at <paramref name="at"/>: the next flow prompt tells
    /// <see cref="TelephonyOptions.Metrics"/> how long the caller waited for it (from the last key before it).</summary>
    public void KeyArrived(long at) => _keyArrivedAt = at;

    /// <summary>Plays the request's prompts after stopping what plays; a request without prompts is finished at once.</summary>
    public void Play(PlayRequest request)
    {
        if (request.Prompts.Count == 0)
        {
            _call.Reports.Report(request.PlaybackId, static (i, id) => i.PlaybackFinished(id, false));
            return;
        }

        if (_stream.IsPlaying) _stream.Stop(); // reported interrupted, as in a simulated call
        long first = 0, last = 0;
        for (var i = 0; i < request.Prompts.Count; i++) // by index: foreach over the interface boxes an enumerator
        {
            var prompt = request.Prompts[i];
            last = PromptAudio.Enqueue(_stream, prompt, _call.Options.RecordingsFolder, out var problem); // one after another: the playback's ids are a range
            if (problem is not null) _call.Log($"call {_call.CallId}: {problem}; playing nothing for it");
            if (i == 0) first = last;
        }

        _playbacks.Add(request.PlaybackId, first, last);
        if (_keyArrivedAt is not { } keyAt) return;
        _call.Options.Metrics.KeyToPrompt(_call.Time.GetElapsedTime(keyAt));
        _keyArrivedAt = null;
    }

    /// <summary>Takes effect on the next 20 ms tick; a flow playback is reported interrupted.</summary>
    public void Stop() => _stream.Stop();

    /// <summary>Queues a sound of the channel's own behind what plays; <paramref name="ended"/> learns how it ended.</summary>
    public void PlaySound(ReadOnlyMemory<short> samples, Action<PlayoutEndReason>? ended = null)
    {
        var id = _stream.Enqueue(samples);
        if (ended is not null) (_sounds ??= [])[id] = ended;
    }

    /// <summary>The call ended: the stream leaves the scheduler; what it still held ends unreported.</summary>
    public void Remove() => _scheduler.RemoveStream(_stream);

    /// <summary>On the pacing thread: the completion goes to the call's queue as a struct (a closure per completion was a
    /// held call's steady allocation, issue 13).</summary>
    private void Posted(PromptCompletion completion) =>
        _call.Post(new CallWork(static w => ((CallPlayback)w.Target).Completed(w.Number, (PlayoutEndReason)w.Code), this, number: completion.PromptId, code: (int)completion.Reason));

    private void Completed(long promptId, PlayoutEndReason reason)
    {
        if (_sounds is not null && _sounds.Remove(promptId, out var ended)) ended(reason);
        else if (_playbacks.Complete(promptId, reason) is { } r)
            _call.Reports.Report(r, static (i, r) => i.PlaybackFinished(r.PlaybackId, r.Interrupted));
    }
}
