using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Runtime.Simulation;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// The line of a try-call: a <see cref="SimulatedChannel"/> on the server's clock (prompts take their audio's real
/// length, transfers are answered, faxes arrive), which also tells the browser what it plays, so the page plays the
/// same prompts at the same moments. Calls from the call's loop, its timers and requests are serialised.
/// </summary>
internal sealed class TryCallChannel(TimeProvider time, TryCallFeed feed, Func<string, string?> audioUrl) : ICallChannel
{
    private readonly SimulatedChannel _line = new(time);
    private readonly object _gate = new();

    public ICallInput? Call
    {
        get => _line.Call;
        set => _line.Call = value;
    }

    public bool IsRecording
    {
        get { lock (_gate) return _line.Recording is not null; }
    }

    public void Play(PlayRequest request)
    {
        lock (_gate)
        {
            _line.Play(request);
            while (_line.TryTakeHeard(out _))
            {
                // the browser is told below; the simulated line's own list of heard prompts is not needed
            }
        }

        feed.Add("play", time.GetUtcNow(), prompts: request.Prompts
            .Select(p => new TryCallPrompt(p.Id, p.Text, Math.Round(p.Duration.TotalSeconds, 2), p.AudioFile is null ? null : audioUrl(p.Id))).ToList());
    }

    public void StopPlayback()
    {
        lock (_gate)
        {
            if (!_line.IsPlaying) return;
        }

        feed.Add("stop", time.GetUtcNow());
        lock (_gate) _line.StopPlayback();
    }

    public void StartRecording(RecordRequest request)
    {
        lock (_gate) _line.StartRecording(request);
        feed.Add("recording", time.GetUtcNow(), detail: $"up to {request.MaxLength.TotalSeconds:0} s; the end key or silence ends it");
    }

    public void Transfer(TransferRequest request)
    {
        lock (_gate) _line.Transfer(request);
        feed.Add("transfer", time.GetUtcNow(), detail: request.Queue);
    }

    public void SendFax(FaxRequest request)
    {
        lock (_gate) _line.SendFax(request);
        feed.Add("fax", time.GetUtcNow(), detail: request.DocumentId);
    }

    public void Hangup(string cause)
    {
        lock (_gate) _line.Hangup(cause);
    }

    /// <summary>The caller's key: the end key of a recording ends it, any other goes to the flow.</summary>
    public void Press(char digit)
    {
        lock (_gate) _line.Press(digit);
    }

    /// <summary>A recording in progress: the caller speaks a few seconds, then falls silent.</summary>
    public void SpeakThenFallSilent(TimeSpan length)
    {
        lock (_gate) _line.Speak(length, "silence");
    }
}
