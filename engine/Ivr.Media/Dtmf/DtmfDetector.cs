namespace Ivr.Media.Dtmf;

/// <summary>
/// In-band DTMF detector for 8 kHz 16-bit audio (ITU-T Q.23 frequencies, Q.24-style limits from
/// <see cref="DtmfDetectorOptions"/>). Every 5 ms it analyses the last 20 ms (<see cref="ToneAnalyzer"/>);
/// consecutive candidate windows of one key form a tone burst (<see cref="ToneEvent"/>), which is
/// reported once, as soon as its measured duration, levels, twist, energy share, harmonics and
/// frequency (measured from phase, averaged over the burst) all pass. Drop-outs of up to 3 windows
/// are bridged; the same key is reported again only after 4 windows without it (a pause of about
/// 35 ms). Feed it any chunk size; it allocates nothing after construction. Not thread-safe.
/// </summary>
public sealed class DtmfDetector
{
    private const int Hop = 40;
    private const int Window = ToneAnalyzer.Window;
    private const int Bridge = Window / Hop - 1;

    private readonly DtmfDetectorOptions _options;
    private readonly Action<DtmfDetection> _onKey;
    private readonly ToneAnalyzer _analyzer;
    private readonly ToneFrame _frame = new();
    private readonly ToneEvent _event = new();
    private readonly float[] _window = new float[Window];
    private readonly double[][] _history = new double[Bridge][];
    private readonly int[] _historyKey = new int[Bridge];
    private int _historyNext;
    private int _filled = Window - Hop;
    private long _samples;

    public DtmfDetector(Action<DtmfDetection> onKey, DtmfDetectorOptions? options = null)
    {
        _onKey = onKey ?? throw new ArgumentNullException(nameof(onKey));
        _options = options ?? DtmfDetectorOptions.Default;
        if (_options.Validate() is { } problem) throw new ArgumentException($"bad DTMF detector options: {problem}", nameof(options));
        _analyzer = new ToneAnalyzer(_options);
        for (var i = 0; i < Bridge; i++) _history[i] = new double[8];
        Array.Fill(_historyKey, -1);
    }

    /// <summary>Samples analysed so far.</summary>
    public long SamplesProcessed => _samples;

    public void Process(ReadOnlySpan<short> samples)
    {
        foreach (var sample in samples)
        {
            _window[_filled++] = sample;
            _samples++;
            if (_filled < Window) continue;
            Analyze();
            Array.Copy(_window, Hop, _window, 0, Window - Hop);
            _filled = Window - Hop;
        }
    }

    private void Analyze()
    {
        _analyzer.Analyze(_window, _frame);
        if (_frame.Candidate)
        {
            if (_event.Active && _event.KeyIndex == _frame.KeyIndex) _event.AddCandidate(_frame);
            else _event.Start(_frame, MagnitudeBefore(_frame.Low, _frame.High));
        }
        else if (_event.Active)
        {
            if (_event.FramesSinceCandidate < Bridge) _event.AddTail(_frame);
            else _event.Close();
        }

        if (_event.Active && !_event.Reported && _event.Passes(_options, Hop))
        {
            _event.Reported = true;
            _onKey(new DtmfDetection(_event.Key, _samples, _event.Duration(Hop)));
        }

        Array.Copy(_frame.Magnitudes, _history[_historyNext], 8);
        _historyKey[_historyNext] = _frame.Candidate ? _frame.KeyIndex : -1;
        _historyNext = (_historyNext + 1) % Bridge;
    }

    /// <summary>The pair's magnitudes in the windows just before the burst, which already held part of
    /// it — not windows that were another key's (a key that shares a tone would lend it length).</summary>
    private double MagnitudeBefore(int low, int high)
    {
        double sum = 0;
        for (var i = 0; i < Bridge; i++)
        {
            if (_historyKey[i] < 0) sum += _history[i][low] + _history[i][4 + high];
        }

        return sum;
    }
}
