namespace Ivr.Media.Dtmf;

/// <summary>
/// In-band DTMF detector for 8 kHz 16-bit audio (ITU-T Q.23 frequencies, Q.24-style limits from
/// <see cref="DtmfDetectorOptions"/>). Every 5 ms it analyses the last 20 ms (<see cref="ToneAnalyzer"/>);
/// consecutive candidate windows of one key form a tone burst (<see cref="ToneEvent"/>), which is
/// reported once, as soon as its measured duration, levels, twist, energy share, harmonics and
/// frequency (measured from phase, averaged over the burst) all pass. Drop-outs of up to 3 windows
/// are bridged; the same key is reported again only after 4 windows without it (a pause of about
/// 35 ms). Two windows a hop apart are analysed together when both are there (one pass of their filters); a window
/// complete at the end of a chunk alone, so a key is reported in the chunk that completes it. Feed it any chunk size; it
/// allocates nothing after construction. Not thread-safe.
/// </summary>
public sealed class DtmfDetector
{
    private const int Hop = 40;
    private const int Window = ToneAnalyzer.Window;
    private const int Bridge = Window / Hop - 1;

    private readonly DtmfDetectorOptions _options;
    private readonly Action<DtmfDetection> _onKey;
    private readonly ToneAnalyzer _analyzer;
    [ThreadStatic]
    private static ToneFrame? t_frame; // the analysing thread's scratch: what a window holds is read before the next window
    [ThreadStatic]
    private static ToneFrame? t_nextFrame; // the second of two windows analysed together

    private readonly ToneEvent _event = new();
    private readonly short[] _window = new short[Window + Hop]; // the next two windows, a hop apart
    private readonly double[] _history = new double[Bridge * ToneFrame.Tones]; // the last windows' magnitudes, 8 per window
    private readonly int[] _historyKey = new int[Bridge];
    private int _historyNext;
    private int _filled = Window - Hop;
    private long _samples;

    public DtmfDetector(Action<DtmfDetection> onKey, DtmfDetectorOptions? options = null)
    {
        _onKey = onKey ?? throw new ArgumentNullException(nameof(onKey));
        _options = options ?? DtmfDetectorOptions.Default;
        if (_options.Validate() is { } problem) throw new ArgumentException($"bad DTMF detector options: {problem}", nameof(options));
        _analyzer = ReferenceEquals(_options, DtmfDetectorOptions.Default) ? ToneAnalyzer.Default : new ToneAnalyzer(_options);
        Array.Fill(_historyKey, -1);
    }

    /// <summary>Samples analysed so far.</summary>
    public long SamplesProcessed => _samples;

    public void Process(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, Window + Hop - _filled);
            samples[..take].CopyTo(_window.AsSpan(_filled));
            samples = samples[take..];
            _filled += take;
            _samples += take;
            if (_filled == Window + Hop) AnalyzeTwo();
        }

        // A window complete and the next not yet: analysed now, so a key is reported in the chunk that completes it.
        if (_filled >= Window) AnalyzeOne();
    }

    /// <summary>The two windows the buffer holds, analysed together (one pass of their filters), then followed in order.</summary>
    private void AnalyzeTwo()
    {
        var first = t_frame ??= new ToneFrame();
        var second = t_nextFrame ??= new ToneFrame();
        _analyzer.AnalyzePair(_window.AsSpan(0, Window), _window.AsSpan(Hop, Window), first, second);
        // A key reported from the first ran its handler, which may have analysed on this thread (another detector) and
        // so reused the second's frame: analysed again then (a key is rare).
        if (Follow(first, _samples - Hop)) _analyzer.Analyze(_window.AsSpan(Hop, Window), second);
        Follow(second, _samples);
        Array.Copy(_window, 2 * Hop, _window, 0, Window - Hop);
        _filled = Window - Hop;
    }

    /// <summary>The first window, complete at the end of a chunk: analysed alone.</summary>
    private void AnalyzeOne()
    {
        var frame = t_frame ??= new ToneFrame();
        _analyzer.Analyze(_window.AsSpan(0, Window), frame);
        Follow(frame, _samples - (_filled - Window));
        Array.Copy(_window, Hop, _window, 0, _filled - Hop);
        _filled -= Hop;
    }

    /// <summary>One window's part in the tone burst being followed, <paramref name="samplesAtEnd"/> its end in the stream;
    /// true when it completed a key (reported).</summary>
    private bool Follow(ToneFrame frame, long samplesAtEnd)
    {
        if (frame.Candidate)
        {
            if (_event.Active && _event.KeyIndex == frame.KeyIndex) _event.AddCandidate(frame);
            else _event.Start(frame, MagnitudeBefore(frame.Low, frame.High));
        }
        else if (_event.Active)
        {
            if (_event.FramesSinceCandidate < Bridge) _event.AddTail(frame);
            else _event.Close();
        }

        // The window is done with before the key is reported: a handler that feeds another detector on this thread may
        // reuse the frame.
        Array.Copy(frame.Magnitudes, 0, _history, _historyNext * ToneFrame.Tones, ToneFrame.Tones);
        _historyKey[_historyNext] = frame.Candidate ? frame.KeyIndex : -1;
        _historyNext = (_historyNext + 1) % Bridge;
        if (!_event.Active || _event.Reported || !_event.Passes(_options, Hop)) return false;
        _event.Reported = true;
        _onKey(new DtmfDetection(_event.Key, samplesAtEnd, _event.Duration(Hop)));
        return true;
    }

    /// <summary>The pair's magnitudes in the windows just before the burst, which already held part of
    /// it — not windows that were another key's (a key that shares a tone would lend it length).</summary>
    private double MagnitudeBefore(int low, int high)
    {
        double sum = 0;
        for (var i = 0; i < Bridge; i++)
        {
            if (_historyKey[i] < 0) sum += _history[i * ToneFrame.Tones + low] + _history[i * ToneFrame.Tones + 4 + high];
        }

        return sum;
    }
}
