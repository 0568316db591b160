using System.Diagnostics;

namespace Ivr.Media.Dtmf;

/// <summary>
/// In-band DTMF detector for 8 kHz 16-bit audio (ITU-T Q.23 frequencies, Q.24-style limits from
/// <see cref="DtmfDetectorOptions"/>). Every 5 ms it analyses the last 20 ms (<see cref="ToneAnalyzer"/>);
/// consecutive candidate windows of one key form a tone burst (<see cref="ToneEvent"/>), which is
/// reported once, as soon as its measured duration, levels, twist, energy share, harmonics and
/// frequency (measured from phase, averaged over the burst) all pass. Drop-outs of up to 3 windows
/// are bridged; the same key is reported again only after 4 windows without it (a pause of about
/// 35 ms). The four windows a 20 ms packet completes are analysed together (<see cref="ToneAnalyzer.AnalyzeFour"/>:
/// the high group's filters only where a low tone may be); windows complete at the end of a chunk of another size two
/// or one at a time, so a key is reported in the chunk that completes it. Feed it any chunk size: the same keys at the
/// same places. It allocates nothing after construction. Not thread-safe.
/// </summary>
public sealed class DtmfDetector
{
    private const int Hop = 40;
    private const int Window = ToneAnalyzer.Window;
    private const int Bridge = Window / Hop - 1;
    private const int Batch = 4; // windows analysed together: what a 20 ms packet completes
    private const int Reach = Window + (Batch - 1) * Hop; // the samples a batch spans
    private const int Kept = Bridge * Hop; // samples kept before the next window: the windows before a burst

    private readonly DtmfDetectorOptions _options;
    private readonly Action<DtmfDetection> _onKey;
    private readonly ToneAnalyzer _analyzer;
    [ThreadStatic]
    private static ToneFrame[]? t_frames; // the analysing thread's scratch: what a window holds is read before the next batch

    private readonly ToneEvent _event = new();
    private readonly short[] _buffer = new short[Kept + Reach]; // the last windows' samples, then the next windows'
    private readonly double[] _history = new double[Bridge * ToneFrame.Tones]; // the last windows' magnitudes, 8 per window
    private readonly int[] _historyKey = new int[Bridge];
    private readonly bool[] _historyHighMeasured = new bool[Bridge];
    private int _historyNext;
    private int _filled = Window - Hop; // samples from the next window's start, _buffer[Kept]
    private long _samples;

    public DtmfDetector(Action<DtmfDetection> onKey, DtmfDetectorOptions? options = null)
    {
        _onKey = onKey ?? throw new ArgumentNullException(nameof(onKey));
        _options = options ?? DtmfDetectorOptions.Default;
        if (_options.Validate() is { } problem) throw new ArgumentException($"bad DTMF detector options: {problem}", nameof(options));
        _analyzer = ReferenceEquals(_options, DtmfDetectorOptions.Default) ? ToneAnalyzer.Default : new ToneAnalyzer(_options);
        Array.Fill(_historyKey, -1);
        Array.Fill(_historyHighMeasured, true);
    }

    /// <summary>Samples analysed so far.</summary>
    public long SamplesProcessed => _samples;

    public void Process(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, Reach - _filled);
            samples[..take].CopyTo(_buffer.AsSpan(Kept + _filled));
            samples = samples[take..];
            _filled += take;
            _samples += take;
            if (_filled == Reach) AnalyzeNext(Batch);
        }

        // Windows complete and the batch not yet: analysed now, so a key is reported in the chunk that completes it.
        if (_filled >= Window) AnalyzeNext((_filled - Window) / Hop + 1);
    }

    /// <summary>The next <paramref name="count"/> windows (1–4), analysed together as far as they can be, then followed in
    /// order.</summary>
    private void AnalyzeNext(int count)
    {
        var frames = t_frames ??= [new(), new(), new(), new()];
        var next = _buffer.AsSpan(Kept, _filled);
        switch (count)
        {
            case Batch:
                _analyzer.AnalyzeFour(next, Hop, frames, everyTone: _event.Active);
                break;
            case 1:
                _analyzer.Analyze(next[..Window], frames[0]);
                break;
            default:
                _analyzer.AnalyzePair(next[..Window], next.Slice(Hop, Window), frames[0], frames[1]);
                if (count == 3) _analyzer.Analyze(next.Slice(2 * Hop, Window), frames[2]);
                break;
        }

        var firstEnd = _samples - _filled + Window;
        var stale = false;
        for (var w = 0; w < count; w++)
        {
            // A key reported ran its handler, which may have analysed on this thread (another detector) and so reused
            // the frames not yet followed: those analysed again (a key is rare).
            if (stale) _analyzer.Analyze(next.Slice(w * Hop, Window), frames[w]);
            stale |= Follow(frames[w], firstEnd + w * Hop);
        }

        var used = count * Hop;
        Array.Copy(_buffer, used, _buffer, 0, Kept + _filled - used);
        _filled -= used;
    }

    /// <summary>One window's part in the tone burst being followed, <paramref name="end"/> its end in the stream; true
    /// when it completed a key (reported).</summary>
    private bool Follow(ToneFrame frame, long end)
    {
        if (frame.Candidate)
        {
            if (_event.Active && _event.KeyIndex == frame.KeyIndex) _event.AddCandidate(frame);
            else _event.Start(frame, MagnitudeBefore(frame.Low, frame.High, end));
        }
        else if (_event.Active)
        {
            // Analysed with every tone while a burst is followed, and a batch holding its first candidate passed the
            // low group's test.
            Debug.Assert(frame.HighGroupMeasured, "a window after a burst's start without its high group");
            if (_event.FramesSinceCandidate < Bridge) _event.AddTail(frame);
            else _event.Close();
        }

        // The window is done with before the key is reported: a handler that feeds another detector on this thread may
        // reuse the frame.
        Array.Copy(frame.Magnitudes, 0, _history, _historyNext * ToneFrame.Tones, ToneFrame.Tones);
        _historyKey[_historyNext] = frame.Candidate ? frame.KeyIndex : -1;
        _historyHighMeasured[_historyNext] = frame.HighGroupMeasured;
        _historyNext = (_historyNext + 1) % Bridge;
        if (!_event.Active || _event.Reported || !_event.Passes(_options, Hop)) return false;
        _event.Reported = true;
        _onKey(new DtmfDetection(_event.Key, end, _event.Duration(Hop)));
        return true;
    }

    /// <summary>The pair's magnitudes in the windows just before the burst, which already held part of
    /// it — not windows that were another key's (a key that shares a tone would lend it length). A window whose high
    /// group was not measured is measured now for the one tone, from the samples kept: the windows are followed a hop
    /// apart, so the one in slot i, written <c>age</c> windows before the burst's first (ending at <paramref name="end"/>),
    /// ended age hops earlier.</summary>
    private double MagnitudeBefore(int low, int high, long end)
    {
        double sum = 0;
        for (var i = 0; i < Bridge; i++)
        {
            if (_historyKey[i] >= 0) continue;
            var age = (_historyNext - 1 - i + Bridge) % Bridge + 1;
            var highMagnitude = _historyHighMeasured[i]
                ? _history[i * ToneFrame.Tones + 4 + high]
                : ToneAnalyzer.Magnitude(WindowEndingAt(end - age * Hop), 4 + high);
            sum += _history[i * ToneFrame.Tones + low] + highMagnitude;
        }

        return sum;
    }

    /// <summary>A window among the last ones before the next, from the samples kept.</summary>
    private ReadOnlySpan<short> WindowEndingAt(long end)
    {
        var at = Kept + (int)(end - Window - (_samples - _filled));
        Debug.Assert(at >= 0, "a window before the samples kept");
        return _buffer.AsSpan(at, Window);
    }
}
