using Ivr.Core.Channel;
using Ivr.Core.Fax;

namespace Ivr.Runtime.Simulation;

/// <summary>
/// A caller's line on virtual time: prompts take their audio's duration, recordings and transfers
/// end as the driver (a replay script) says. It remembers every prompt played, in order.
/// </summary>
public sealed class SimulatedChannel(TimeProvider time) : ICallChannel
{
    private readonly Queue<string> _unheard = new();
    private ITimer? _playbackTimer;
    private int _playbackId;
    private ITimer? _recordingTimer;
    private DateTimeOffset _recordingStarted;
    private int _recordings;

    public ICallInput? Call { get; set; }

    /// <summary>How agents' queues answer a transfer (answered, busy, no_answer, rejected …); unnamed queues answer.</summary>
    public Dictionary<string, string> QueueOutcomes { get; } = new(StringComparer.Ordinal);

    public TimeSpan TransferDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How the caller's fax machine takes a document; null sends every page.</summary>
    public FaxResult? FaxOutcome { get; set; }

    /// <summary>How long a fax transmission takes on the simulated line.</summary>
    public TimeSpan FaxDuration { get; set; } = TimeSpan.FromSeconds(30);

    public List<FaxRequest> Faxes { get; } = [];

    public bool IsPlaying { get; private set; }

    public RecordRequest? Recording { get; private set; }

    public List<TransferRequest> Transfers { get; } = [];

    public int RecordingsStarted { get; private set; }

    public string? HungUpWith { get; private set; }

    /// <summary>Prompts played and not yet taken by <see cref="TryTakeHeard"/>.</summary>
    public bool TryTakeHeard(out string promptId) => _unheard.TryDequeue(out promptId!);

    public bool HasUnheard => _unheard.Count > 0;

    public string? PeekHeard() => _unheard.TryPeek(out var id) ? id : null;

    public void Play(PlayRequest request)
    {
        CancelPlayback();
        var total = TimeSpan.Zero;
        foreach (var prompt in request.Prompts)
        {
            _unheard.Enqueue(prompt.Id);
            total += prompt.Duration;
        }

        IsPlaying = true;
        _playbackId = request.PlaybackId;
        _playbackTimer = time.CreateTimer(static s => ((SimulatedChannel)s!).PlaybackEnded(), this, total, Timeout.InfiniteTimeSpan);
    }

    public void StopPlayback()
    {
        if (!IsPlaying) return;
        CancelPlayback();
        Call?.PlaybackFinished(_playbackId, interrupted: true);
    }

    public void StartRecording(RecordRequest request)
    {
        if (request.Beep) _unheard.Enqueue("beep");
        Recording = request;
        RecordingsStarted++;
        _recordingStarted = time.GetUtcNow();
        // A caller who says nothing: the recording ends on silence with nothing kept.
        _recordingTimer = time.CreateTimer(static s => ((SimulatedChannel)s!).FinishRecording(null, "silence"), this, request.Silence, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The caller speaks for <paramref name="length"/> then the recording ends by <paramref name="endedBy"/> (key, silence, max_length).</summary>
    public void Speak(TimeSpan length, string endedBy)
    {
        if (Recording is not { } request) return;
        _recordingTimer?.Dispose();
        var spoken = length > request.MaxLength ? request.MaxLength : length;
        var reason = length >= request.MaxLength ? "max_length" : endedBy;
        var tail = reason == "silence" ? request.Silence : TimeSpan.Zero;
        _recordingTimer = time.CreateTimer(static s =>
        {
            var (channel, ended) = ((SimulatedChannel, string))s!;
            channel.FinishRecording($"rec-{++channel._recordings}.wav", ended);
        }, (this, reason), spoken + tail, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A key from the caller; the end key of a recording ends it instead of reaching the flow.</summary>
    public void Press(char digit)
    {
        if (Recording is { } request && digit == request.EndKey)
        {
            var spoken = time.GetUtcNow() - _recordingStarted;
            FinishRecording(spoken > TimeSpan.Zero ? $"rec-{++_recordings}.wav" : null, "key");
            return;
        }

        Call?.Digit(digit);
    }

    public void Transfer(TransferRequest request)
    {
        Transfers.Add(request);
        var outcome = QueueOutcomes.GetValueOrDefault(request.Queue, "answered");
        time.CreateTimer(static s =>
        {
            var (channel, result) = ((SimulatedChannel, TransferResult))s!;
            channel.Call?.TransferFinished(result);
        }, (this, new TransferResult(outcome == "answered", outcome)), TransferDelay, Timeout.InfiniteTimeSpan);
    }

    public void SendFax(FaxRequest request)
    {
        CancelPlayback();
        Faxes.Add(request);
        var result = FaxOutcome ?? new FaxResult(Core.Fax.FaxOutcome.Sent, 1, 1, 0, "sent");
        time.CreateTimer(static s =>
        {
            var (channel, id, outcome) = ((SimulatedChannel, int, FaxResult))s!;
            channel.Call?.FaxFinished(id, outcome);
        }, (this, request.RequestId, result), FaxDuration, Timeout.InfiniteTimeSpan);
    }

    public void Hangup(string cause)
    {
        CancelPlayback();
        _recordingTimer?.Dispose();
        HungUpWith = cause;
    }

    private void PlaybackEnded()
    {
        IsPlaying = false;
        Call?.PlaybackFinished(_playbackId, interrupted: false);
    }

    private void FinishRecording(string? id, string endedBy)
    {
        _recordingTimer?.Dispose();
        var length = id is null ? TimeSpan.Zero : time.GetUtcNow() - _recordingStarted;
        Recording = null;
        Call?.RecordingFinished(new RecordingResult(id, length, endedBy));
    }

    private void CancelPlayback()
    {
        IsPlaying = false;
        _playbackTimer?.Dispose();
        _playbackTimer = null;
    }
}
