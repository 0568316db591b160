using Ivr.Media.Recording;
using Ivr.Media.Wav;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The WAV of one recording, written while it is recorded (<see cref="StreamedWavWriter"/>): created when the
/// recorder starts, the audio heard since the last time appended every <see cref="FlushInterval"/> (one write a
/// second, not one per 20 ms frame), and finished at the end. A crash keeps the audio up to the last second; the
/// next start repairs the file and stores it as an incomplete message. Runs on the call's serial queue (the timer only
/// posts there), so it needs no lock. When the disk refuses, the file is dropped and the recording is saved whole at
/// the end, from the recorder's memory, as before.
/// </summary>
internal sealed class RecordingStream
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly CallContext _call;
    private readonly Recorder _recorder;
    private StreamedWavWriter? _writer;
    private ITimer? _timer;

    private RecordingStream(CallContext call, Recorder recorder, string fileName, string path)
    {
        _call = call;
        _recorder = recorder;
        FileName = fileName;
        Path = path;
    }

    /// <summary>The file's name relative to the recordings folder.</summary>
    public string FileName { get; }

    public string Path { get; }

    /// <summary>Starts the file of <paramref name="recorder"/> and its once-a-second appends.</summary>
    public static RecordingStream Start(CallContext call, Recorder recorder, int number)
    {
        var fileName = $"{RecordingFiles.SafeName(call.CallId)}-{number}.wav";
        var stream = new RecordingStream(call, recorder, fileName, System.IO.Path.Combine(call.Options.RecordingsFolder, fileName));
        try
        {
            Directory.CreateDirectory(call.Options.RecordingsFolder);
            stream._writer = StreamedWavWriter.Create(stream.Path);
            stream._timer = call.Time.CreateTimer(static s => ((RecordingStream)s!).OnTick(), stream, FlushInterval, FlushInterval);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            call.Log($"call {call.CallId}: recording {fileName} cannot be streamed to disk ({ex.Message}); it is kept in memory until it ends");
        }

        return stream;
    }

    /// <summary>Appends what was heard since the last append.</summary>
    public void Drain()
    {
        if (_writer is not { } writer) return;
        var heard = _recorder.Samples.Span;
        if (heard.Length <= writer.SamplesWritten) return;
        try
        {
            writer.Append(heard[(int)writer.SamplesWritten..]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _call.Log($"call {_call.CallId}: recording {FileName} could not be written ({ex.Message}); it is kept in memory until it ends");
            Drop();
        }
    }

    /// <summary>Writes the rest and finishes the file with the audio the recorder kept (its trailing silence trimmed).</summary>
    public void Save()
    {
        StopTimer();
        Drain();
        if (_writer is { } writer)
        {
            writer.Finish(_recorder.Samples.Length);
            _writer = null;
        }
        else
        {
            _recorder.Save(Path);
        }
    }

    /// <summary>Nothing worth keeping (silence only, or an error): the file goes.</summary>
    public void Discard()
    {
        StopTimer();
        Drop();
    }

    private void OnTick() => _call.Post(Drain);

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Drop()
    {
        if (_writer is not { } writer) return;
        _writer = null;
        writer.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _call.Log($"call {_call.CallId}: recording {FileName} could not be removed: {ex.Message}");
        }
    }
}
