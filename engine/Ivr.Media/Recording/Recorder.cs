using Ivr.Media.Codecs;
using Ivr.Media.Wav;

namespace Ivr.Media.Recording;

/// <summary>
/// Records a caller's decoded 8 kHz audio into a buffer preallocated for
/// <see cref="RecorderOptions.MaxLength"/>. It ends on its own at the maximum length or after
/// <see cref="RecorderOptions.SilenceTimeout"/> of silence (RMS of each 10 ms block against
/// <see cref="RecorderOptions.SilenceThresholdDbm0"/>), or when told (<see cref="StopByKey"/>,
/// <see cref="Stop"/>); then <see cref="Save"/> writes 8 kHz 16-bit PCM WAV. Frames may be any size.
/// Thread-safe: audio may arrive on the RTP thread while the call logic stops it.
/// </summary>
public sealed class Recorder
{
    private const int SampleRate = 8000;
    private const int Block = SampleRate / 100;

    private readonly object _gate = new();
    private readonly RecorderOptions _options;
    private readonly Action<RecordingResult>? _onEnded;
    private readonly short[] _samples;
    private readonly double _silencePower;
    private readonly int _silenceBlocks;
    private int _length;
    private int _blockFill;
    private double _blockEnergy;
    private int _silentBlocks;
    private int _endOfSound;
    private bool _heardSound;
    private RecordingEndReason? _reason;
    private char? _key;
    private bool _endReported;

    /// <param name="onEnded">Called once when the recording ends, for whatever reason, on the thread
    /// that ended it (the RTP thread for max length and silence), outside the recorder's lock.</param>
    public Recorder(RecorderOptions? options = null, Action<RecordingResult>? onEnded = null)
    {
        _options = options ?? RecorderOptions.Default;
        _onEnded = onEnded;
        if (_options.MaxLength <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.MaxLength, "MaxLength must be positive");
        _samples = new short[(int)Math.Ceiling(_options.MaxLength.TotalSeconds * SampleRate)];
        _silencePower = Dbm0.Power(_options.SilenceThresholdDbm0);
        _silenceBlocks = (int)Math.Ceiling(_options.SilenceTimeout.TotalSeconds * 100);
    }

    public bool IsRecording
    {
        get
        {
            lock (_gate) return _reason is null;
        }
    }

    /// <summary>Why it ended, or null while recording.</summary>
    public RecordingEndReason? EndReason
    {
        get
        {
            lock (_gate) return _reason;
        }
    }

    /// <summary>Adds decoded audio; returns false once the recording has ended (the rest is ignored).</summary>
    public bool Append(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            foreach (var sample in samples)
            {
                if (_reason is not null) break;
                _samples[_length++] = sample;
                _blockEnergy += sample * (double)sample;
                if (++_blockFill == Block) EndBlock();
                if (_reason is null && _length == _samples.Length) _reason = RecordingEndReason.MaxLength;
            }
        }

        return !ReportEnd();
    }

    /// <summary>Adds G.711 audio as it came off the wire.</summary>
    public bool AppendEncoded(G711Law law, ReadOnlySpan<byte> codes)
    {
        Span<short> decoded = stackalloc short[320];
        var more = true;
        for (var i = 0; i < codes.Length && more; i += decoded.Length)
        {
            var chunk = codes.Slice(i, Math.Min(decoded.Length, codes.Length - i));
            G711.Decode(law, chunk, decoded);
            more = Append(decoded[..chunk.Length]);
        }

        return more;
    }

    /// <summary>A key press ends the recording (if it is still running).</summary>
    public void StopByKey(char key)
    {
        lock (_gate)
        {
            if (_reason is null)
            {
                _reason = RecordingEndReason.Key;
                _key = key;
            }
        }

        ReportEnd();
    }

    /// <summary>The application ends the recording (if it is still running), e.g. on hang-up.</summary>
    public void Stop()
    {
        lock (_gate) _reason ??= RecordingEndReason.Stopped;
        ReportEnd();
    }

    /// <summary>The recording so far (trimmed once ended by silence).</summary>
    public ReadOnlyMemory<short> Samples
    {
        get
        {
            lock (_gate) return _samples.AsMemory(0, KeptLength());
        }
    }

    /// <summary>Length of the audio kept so far.</summary>
    public TimeSpan Length
    {
        get
        {
            lock (_gate) return TimeSpan.FromSeconds((double)KeptLength() / SampleRate);
        }
    }

    /// <summary>How the recording ended; throws while it is still running.</summary>
    public RecordingResult Result
    {
        get
        {
            lock (_gate)
            {
                if (_reason is not { } reason) throw new InvalidOperationException("the recording is still running; stop it or Save it first");
                return new RecordingResult(TimeSpan.FromSeconds((double)KeptLength() / SampleRate), reason, _key, _heardSound);
            }
        }
    }

    /// <summary>Ends the recording if still running (<see cref="RecordingEndReason.Stopped"/>) and writes it as 8 kHz PCM WAV.</summary>
    public RecordingResult Save(string path)
    {
        RecordingResult result;
        lock (_gate)
        {
            _reason ??= RecordingEndReason.Stopped;
            WavFile.Write(path, _samples.AsSpan(0, KeptLength()));
            result = Result;
        }

        ReportEnd();
        return result;
    }

    /// <summary>True once ended; tells <c>onEnded</c> the first time.</summary>
    private bool ReportEnd()
    {
        RecordingResult result;
        lock (_gate)
        {
            if (_reason is null) return false;
            if (_endReported || _onEnded is null) return true;
            _endReported = true;
            result = Result;
        }

        _onEnded(result);
        return true;
    }

    private void EndBlock()
    {
        var silent = _blockEnergy / Block < _silencePower;
        _blockFill = 0;
        _blockEnergy = 0;
        if (!silent)
        {
            _heardSound = true;
            _silentBlocks = 0;
            _endOfSound = _length;
            return;
        }

        if (++_silentBlocks >= _silenceBlocks && _silenceBlocks > 0) _reason = RecordingEndReason.Silence;
    }

    private int KeptLength()
    {
        if (_reason != RecordingEndReason.Silence || !_options.TrimTrailingSilence) return _length;
        var keep = (int)(_options.SilenceKept.TotalSeconds * SampleRate);
        return Math.Min(_length, _endOfSound + keep);
    }
}
