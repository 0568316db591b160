using Ivr.Media.Codecs;
using Ivr.Media.Rtp;

namespace Ivr.Media.Playout;

/// <summary>
/// One call's outbound audio in a <see cref="PlayoutScheduler"/>: a queue of prompts (shared,
/// read-only 8 kHz samples, never copied) played back to back without gaps, 160 samples per tick,
/// G.711-encoded straight into a preallocated RTP packet — or, for <see cref="SharedAudio"/>, its codes encoded once
/// copied there. Nothing is sent while the queue is empty;
/// the first packet after such a pause, or after <see cref="Stop"/>, starts a new talkspurt (marker
/// set, timestamp advanced by the elapsed time, see <see cref="RtpSender"/>). <see cref="Enqueue"/>
/// and <see cref="Stop"/> may be called from any thread; completions are reported on the scheduler
/// thread, after the tick's packet was sent, so keep the callback short.
/// </summary>
public sealed class PlayoutStream
{
    private readonly G711Law _law;
    private readonly RtpSender _sender;
    private readonly PacketSink _send;
    private readonly Action<PromptCompletion>? _onCompleted;
    // The packet also serves as the stream's lock: every tick writes it under the lock anyway, so a tick touches one
    // object less (each call's objects are first touches of the pacing thread's step: issue 13). Never exposed.
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + G711.SamplesPer20Ms];
    private readonly Queue<QueuedAudio> _queue = new();
    // Room for a few prompt ends made with the stream: the pacing thread adds them, and should not be the one that grows
    // the lists (gc-trace allocations, issue 13).
    private readonly List<PromptCompletion> _completions = new(4);
    private readonly List<PromptCompletion> _reporting = new(4);
    private bool _ended; // _completions holds some: a tick reads this field, not the list
    private short[]? _generated; // made with the first generator (a fax): the other calls keep no 344 B for it
    private AudioGenerator? _generator;
    private Exception? _generatorFailure;
    private QueuedAudio? _current;
    private int _offset;
    private long _nextId;
    private bool _newTalkspurt = true;
    private bool _removed;
    private long _lastSentAt; // the pacing thread's clock, for SendTimings

    internal PlayoutStream(G711Law law, RtpSender sender, PacketSink send, Action<PromptCompletion>? onCompleted)
    {
        _law = law;
        _sender = sender;
        _send = send;
        _onCompleted = onCompleted;
    }

    /// <summary>Asks the CPU to fetch what a tick reads after the stream itself: its packet, queue, RTP state and sink
    /// (call once the stream was fetched).</summary>
    internal void PrefetchFirstHop()
    {
        CacheLines.Prefetch(_packet);
        CacheLines.Prefetch(_queue);
        CacheLines.Prefetch(_sender);
        CacheLines.Prefetch(_send);
    }

    /// <summary>... then the sink's target (the call leg that sends the packet).</summary>
    internal void PrefetchSecondHop() => CacheLines.Prefetch(_send.Target);

    /// <summary>The stream's RTP state (SSRC, sequence, timestamp); read it, do not send with it.</summary>
    public RtpSender Sender => _sender;

    /// <summary>Packets handed to the sink.</summary>
    public long PacketsSent { get; private set; }

    /// <summary>Whether a prompt is playing or queued.</summary>
    public bool IsPlaying
    {
        get
        {
            lock (_packet) return _current is not null || _queue.Count > 0;
        }
    }

    /// <summary>
    /// Generated audio sent whenever no prompt is queued (a fax modem on the line): each tick asks it for
    /// the next 160 samples, so it is paced like prompts and keeps one talkspurt. It is called with the
    /// stream's lock held: it must not call back into the stream. Null (the default) sends nothing between prompts.
    /// </summary>
    public AudioGenerator? Generator
    {
        get
        {
            lock (_packet) return _generator;
        }
        set
        {
            bool startsTalkspurt;
            lock (_packet)
            {
                startsTalkspurt = value is not null && _generator is null && _current is null && _queue.Count == 0;
                if (value is not null) _generated ??= new short[G711.SamplesPer20Ms]; // here, not on the pacing thread
                _generator = value; // a pause before or after it starts a new talkspurt (FillFrame)
            }

            if (startsTalkspurt) AudioAfterSilence?.Invoke(this);
        }
    }

    /// <summary>Told, outside the stream's lock, when audio is enqueued while the stream is silent (a new
    /// talkspurt is due): the pacing thread then sends its first packet at once, between its steps, instead of at the
    /// stream's own phase (<see cref="PlayoutShard.StartWaiting"/>).</summary>
    internal Action<PlayoutStream>? AudioAfterSilence { get; set; }

    /// <summary>Whether the next packet starts a talkspurt (nothing sent since the stream fell silent) or the stream was
    /// removed: a stream told to start twice before the pacing thread got to it is started once.</summary>
    internal bool AwaitsStart
    {
        get
        {
            lock (_packet) return _newTalkspurt || _removed;
        }
    }

    /// <summary>The pacing thread's own mark: the stream started less than a frame before its phase's coming step,
    /// which passes it over once (see <see cref="PlayoutShard.StartWaiting"/>).</summary>
    internal bool SkipNextTick { get; set; }

    /// <summary>Set by the tick that reported the removal: the scheduler may now drop the stream.</summary>
    internal bool Detached { get; private set; }

    /// <summary>Queues a prompt behind those already queued; returns its id for the completion report. Each frame of it
    /// is encoded as it is sent: for audio made for this call (a recording played back, a tone).</summary>
    public long Enqueue(ReadOnlyMemory<short> prompt) => Add(new QueuedAudio(0, prompt, ReadOnlyMemory<byte>.Empty));

    /// <summary>Queues audio many calls play (a catalog prompt) behind what is queued: its codes in this stream's law
    /// are made now, on the caller's thread, if no stream of that law was given it before; each frame is then a copy.
    /// Returns its id for the completion report.</summary>
    public long Enqueue(SharedAudio prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Add(new QueuedAudio(0, prompt.Samples, prompt.Samples.IsEmpty ? ReadOnlyMemory<byte>.Empty : prompt.CodesIn(_law)));
    }

    private long Add(QueuedAudio prompt)
    {
        bool startsTalkspurt;
        long id;
        lock (_packet)
        {
            if (_removed) throw new InvalidOperationException("the stream was removed from its scheduler");
            id = ++_nextId;
            if (prompt.Samples.IsEmpty) Complete(new PromptCompletion(this, id, PlayoutEndReason.Finished, 0));
            else _queue.Enqueue(prompt with { Id = id });
            startsTalkspurt = !prompt.Samples.IsEmpty && _newTalkspurt && _current is null && _queue.Count == 1;
        }

        if (startsTalkspurt) AudioAfterSilence?.Invoke(this);
        return id;
    }

    /// <summary>Barge-in: the playing prompt and everything queued stop; from the next tick nothing of them is sent.
    /// Prompts enqueued after this call play normally, starting a new talkspurt.</summary>
    public void Stop()
    {
        lock (_packet) DropAll(PlayoutEndReason.Stopped);
    }

    internal void MarkRemoved()
    {
        lock (_packet)
        {
            _removed = true;
            DropAll(PlayoutEndReason.Removed);
        }
    }

    /// <summary>One 20 ms step: send the next frame if there is audio, then report completions. A sink
    /// or callback that throws does not keep the other completions from being reported; the first
    /// exception comes back in <paramref name="failure"/>. Returns true once the stream was removed and
    /// its last completions reported, so the scheduler may drop it. <paramref name="timings"/>, when given, notes
    /// when the packet left compared with the stream's previous one.</summary>
    internal bool Tick(out Exception? failure, SendTimings? timings = null)
    {
        var length = 0;
        var startsTalkspurt = false;
        bool ended;
        lock (_packet)
        {
            // Removal and its completions are taken together, under the lock that MarkRemoved holds.
            Detached = _removed;
            startsTalkspurt = _newTalkspurt; // a frame filled now carries the marker exactly when this is set
            if (!_removed) length = FillFrame();
            ended = _ended; // most ticks end nothing: neither list is touched
            if (ended)
            {
                _reporting.AddRange(_completions);
                _completions.Clear();
                _ended = false;
            }

            failure = _generatorFailure; // set under this lock (FillGenerated)
            _generatorFailure = null;
        }

        if (length > 0)
        {
            timings?.Sending(ref _lastSentAt, timings.Now(), startsTalkspurt);
            try
            {
                _send(_packet.AsSpan(0, length));
                PacketsSent++;
            }
            catch (Exception e)
            {
                failure = e;
            }
        }

        if (ended) ReportCompletions(ref failure);
        return Detached;
    }

    private void ReportCompletions(ref Exception? failure)
    {
        foreach (var completion in _reporting)
        {
            try
            {
                _onCompleted?.Invoke(completion);
            }
            catch (Exception e)
            {
                failure ??= e;
            }
        }

        _reporting.Clear();
    }

    private int FillFrame()
    {
        if (_current is null && !TryStartNext())
        {
            if (_generator is { } generator) return FillGenerated(generator);
            _newTalkspurt = true; // a pause: the next audio starts a talkspurt
            return 0;
        }

        if (_newTalkspurt)
        {
            _sender.BeginTalkspurt();
            _newTalkspurt = false;
        }

        var payload = _packet.AsSpan(RtpHeader.FixedLength, G711.SamplesPer20Ms);
        var filled = 0;
        while (filled < payload.Length && _current is { } current)
        {
            var take = Math.Min(payload.Length - filled, current.Samples.Length - _offset);
            if (current.Codes.IsEmpty) G711.Encode(_law, current.Samples.Span.Slice(_offset, take), payload[filled..]);
            else current.Codes.Span.Slice(_offset, take).CopyTo(payload[filled..]);
            filled += take;
            _offset += take;
            if (_offset < current.Samples.Length) break;
            Complete(new PromptCompletion(this, current.Id, PlayoutEndReason.Finished, current.Samples.Length));
            _current = null;
            TryStartNext();
        }

        payload[filled..].Fill(G711.SilenceCode(_law));
        _sender.WriteHeader(_packet, G711.SamplesPer20Ms);
        return _packet.Length;
    }

    private int FillGenerated(AudioGenerator generator)
    {
        var generated = _generated!; // set with the generator, under the same lock
        if (_newTalkspurt)
        {
            _sender.BeginTalkspurt();
            _newTalkspurt = false;
        }

        try
        {
            generator(generated);
        }
        catch (Exception e)
        {
            generated.AsSpan().Clear(); // a failing generator sends silence; the scheduler logs the failure
            _generatorFailure = e;
        }

        G711.Encode(_law, generated, _packet.AsSpan(RtpHeader.FixedLength, G711.SamplesPer20Ms));
        _sender.WriteHeader(_packet, G711.SamplesPer20Ms);
        return _packet.Length;
    }

    private bool TryStartNext()
    {
        if (!_queue.TryDequeue(out var next)) return false;
        _current = next;
        _offset = 0;
        return true;
    }

    /// <summary>A prompt ended (under the lock): reported after the next tick's packet.</summary>
    private void Complete(PromptCompletion completion)
    {
        _completions.Add(completion);
        _ended = true;
    }

    private void DropAll(PlayoutEndReason reason)
    {
        if (_current is { } current) Complete(new PromptCompletion(this, current.Id, reason, _offset));
        _current = null;
        while (_queue.TryDequeue(out var queued)) Complete(new PromptCompletion(this, queued.Id, reason, 0));
        _newTalkspurt = true;
    }

    /// <summary>A queued prompt: its samples and, for <see cref="SharedAudio"/>, their codes in the stream's law (empty:
    /// encoded frame by frame).</summary>
    private readonly record struct QueuedAudio(long Id, ReadOnlyMemory<short> Samples, ReadOnlyMemory<byte> Codes);
}
