using Ivr.Core.Channel;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Media.Recording;
using ChannelRecordingResult = Ivr.Core.Channel.RecordingResult;
using MediaRecordingResult = Ivr.Media.Recording.RecordingResult;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The caller's recordings (留言): an optional beep, then a <see cref="Recorder"/> fed by the call's
/// <see cref="InboundMedia"/> until the end key, silence, the maximum length or the hang-up; the WAV is written as it
/// is recorded (<see cref="RecordingStream"/>: a crash keeps the audio up to the last second), finished at the end
/// (<see cref="RecordingFiles"/>) and <c>RecordingFinished</c> reported. One at a time. The end key is the
/// channel's, not the flow's. Runs on the call's serial queue; the recorder's end (on the RTP thread) and the
/// once-a-second appends are posted to it, so the file is written there, under no lock.
/// </summary>
internal sealed class CallRecording(CallContext call, CallPlayback playback, InboundMedia inbound)
{
    private static readonly short[] BeepSamples = Tone.Beep();

    private RecordingSlot? _current;
    private int _count;

    public void Start(RecordRequest request)
    {
        if (_current is not null)
        {
            call.Log($"call {call.CallId}: a recording is already running; the new request is refused");
            call.Reports.Report(i => i.RecordingFinished(new ChannelRecordingResult(null, TimeSpan.Zero, "error")));
            return;
        }

        var slot = new RecordingSlot(request, ++_count);
        _current = slot;
        if (!request.Beep) StartRecorder(slot);
        else playback.PlaySound(BeepSamples, reason =>
        {
            if (_current == slot && reason != PlayoutEndReason.Removed) StartRecorder(slot);
        });
    }

    /// <summary>Whether <paramref name="key"/> ended the recording (then the flow does not hear it).</summary>
    public bool TakeKey(char key)
    {
        if (_current is not { } slot || !slot.IsEndKey(key)) return false;
        if (slot.Recorder is { } recorder)
        {
            recorder.StopByKey(key); // its end is posted: the file is saved and reported from there
            return true;
        }

        _current = null; // pressed during the beep: nothing recorded
        playback.Stop();
        call.Reports.Report(i => i.RecordingFinished(new ChannelRecordingResult(null, TimeSpan.Zero, "key")));
        return true;
    }

    /// <summary>The call ended: a running recorder ends (saved, reported as ended by hang-up); during the beep nothing was recorded.</summary>
    public void CallEnded()
    {
        if (_current is not { } slot) return;
        if (slot.Recorder is { } recorder) recorder.Stop();
        else Finish(slot, null);
    }

    private void StartRecorder(RecordingSlot slot)
    {
        var options = call.Options;
        var max = slot.Request.MaxLength <= TimeSpan.Zero || slot.Request.MaxLength > options.MaxRecordingLength ? options.MaxRecordingLength : slot.Request.MaxLength;
        var silence = slot.Request.Silence < TimeSpan.Zero ? TimeSpan.Zero : slot.Request.Silence;
        var recorder = new Recorder(new RecorderOptions { MaxLength = max, SilenceTimeout = silence }, result => call.Post(() => Finish(slot, result)));
        slot.Recorder = recorder;
        slot.File = RecordingStream.Start(call, recorder, slot.Number);
        inbound.Recorder = recorder;
    }

    private void Finish(RecordingSlot slot, MediaRecordingResult? result)
    {
        if (_current == slot) _current = null;
        if (inbound.Recorder == slot.Recorder) inbound.Recorder = null;
        var saved = RecordingFiles.Save(slot, result, call.CallId, call.Log);
        call.Reports.Report(i => i.RecordingFinished(saved));
    }
}
