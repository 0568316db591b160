using Ivr.Core.Channel;
using Ivr.Media.Wav;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Recordings (留言) on a socket-free channel: the caller's audio and keys are handed in on the test's thread.</summary>
public sealed class SipCallChannelRecordingTests : IDisposable
{
    private readonly ChannelRig _rig = new();

    [Fact]
    public void StartRecording_BeepThenEndKey_SavesWavAndKeepsTheKeyFromTheFlow()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        _rig.Run(TimeSpan.FromMilliseconds(260)); // the 250 ms beep
        Assert.Equal(13, _rig.AudioSent);

        _rig.CallerSpeaks(25);
        _rig.Rtp.ReceiveKey('#');

        Assert.Equal(["recorded:key"], _rig.Flow.Events);
        var result = Assert.Single(_rig.Flow.Recordings);
        Assert.Equal($"{RecordingFiles.SafeName("call-1")}-1.wav", result.RecordingId);
        Assert.Equal(TimeSpan.FromMilliseconds(500), result.Length);
        Assert.Equal(4000, WavFile.Read(Path.Combine(_rig.RecordingsFolder, result.RecordingId!)).Samples.Length);
    }

    [Fact]
    public void StartRecording_WhileRecording_TheFileHoldsTheAudioUpToTheLastSecond()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        var path = Path.Combine(_rig.RecordingsFolder, $"{RecordingFiles.SafeName("call-1")}-1.wav");

        _rig.CallerSpeaks(49);
        Assert.Equal(WavHeader.Length, new FileInfo(path).Length); // the header only: nothing is written per frame
        _rig.CallerSpeaks(11); // the once-a-second append at 1 s; 200 ms more stay in memory

        Assert.True(WavRepair.IsUnfinished(path)); // what a kill -9 now would leave
        Assert.Equal(WavHeader.Length + 16000, new FileInfo(path).Length);
        Assert.Equal(8000, WavFile.Read(path).Samples.Length);

        _rig.Rtp.ReceiveKey('#');
        Assert.False(WavRepair.IsUnfinished(path));
        Assert.Equal(9600, WavFile.Read(path).Samples.Length);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), Assert.Single(_rig.Flow.Recordings).Length);
    }

    [Fact]
    public void StartRecording_EndedBySilenceAfterItWasWritten_TheFileIsCutToWhatIsKept()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), '#'));

        _rig.CallerSpeaks(30);
        _rig.CallerSpeaks(60, new short[320]); // 1.2 s of silence: 1 s of it ends the recording, after two appends

        var result = Assert.Single(_rig.Flow.Recordings);
        Assert.Equal("silence", result.EndedBy);
        Assert.InRange(result.Length, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(1500)); // speech + the silence kept
        var kept = WavFile.Read(Path.Combine(_rig.RecordingsFolder, result.RecordingId!)).Samples.Length;
        Assert.Equal((int)(result.Length.TotalSeconds * 8000), kept);
    }

    [Fact]
    public void StartRecording_EndKeyDuringTheBeep_NothingRecordedAndTheBeepStops()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        _rig.Run(3);

        _rig.Rtp.ReceiveKey('#');
        _rig.Run(20);
        _rig.CallerSpeaks(10);

        Assert.Equal(["recorded:key"], _rig.Flow.Events);
        Assert.Null(Assert.Single(_rig.Flow.Recordings).RecordingId);
        Assert.Equal(3, _rig.AudioSent);
        Assert.Empty(Directory.GetFiles(_rig.RecordingsFolder));
    }

    [Fact]
    public void StartRecording_OtherKey_ReportedToTheFlowAndRecordingGoesOn()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        _rig.CallerSpeaks(5);

        _rig.Rtp.ReceiveKey('1');

        Assert.Equal(["digit:1"], _rig.Flow.Events);
    }

    [Fact]
    public void StartRecording_OnlySilence_EndsBySilenceWithoutAFile()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(400), '#'));

        _rig.Rtp.ReceiveAudio(19);
        Assert.Empty(_rig.Flow.Events);
        _rig.Rtp.ReceiveAudio(2);

        Assert.Equal(["recorded:silence"], _rig.Flow.Events);
        Assert.Null(Assert.Single(_rig.Flow.Recordings).RecordingId);
        Assert.Empty(Directory.GetFiles(_rig.RecordingsFolder));
    }

    [Fact]
    public void StartRecording_MaxLength_EndsThereWithTheFile()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), '#'));

        _rig.CallerSpeaks(60);

        Assert.Equal(["recorded:max_length"], _rig.Flow.Events);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(_rig.Flow.Recordings).Length);
    }

    [Fact]
    public void StartRecording_CallerHangsUp_RecordingSavedThenHungUp()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        _rig.CallerSpeaks(20);

        _rig.Channel.OnSipEnded("caller");

        Assert.Equal(["recorded:hangup", "hungup:caller"], _rig.Flow.Events);
        Assert.True(File.Exists(Path.Combine(_rig.RecordingsFolder, Assert.Single(_rig.Flow.Recordings).RecordingId!)));
    }

    [Fact]
    public void StartRecording_CallerHangsUpDuringTheBeep_ReportedAsHangUpWithNothingKept()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        _rig.Run(3);

        _rig.Channel.OnSipEnded("caller");
        _rig.Run(20);

        Assert.Equal(["recorded:hangup", "hungup:caller"], _rig.Flow.Events);
        Assert.Null(Assert.Single(_rig.Flow.Recordings).RecordingId);
    }

    [Fact]
    public void StartRecording_WhileOneRuns_RefusedAsError()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));

        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));

        Assert.Equal(["recorded:error"], _rig.Flow.Events);
    }

    [Fact]
    public void Play_RecordingFilePrompt_PlaysTheCallersRecordingBack()
    {
        _rig.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#'));
        _rig.CallerSpeaks(25);
        _rig.Rtp.ReceiveKey('#');
        var recording = Assert.Single(_rig.Flow.Recordings);
        var before = _rig.AudioSent;

        _rig.Channel.Play(new PlayRequest(5, [new Prompt("recording", "(the caller's recording)", recording.Length, ReadOnlyMemory<short>.Empty, recording.RecordingId)], false));
        _rig.Run(30);

        Assert.Equal(["recorded:key", "played:5:finished"], _rig.Flow.Events);
        var played = _rig.Rtp.Sent.Where(p => p.Header.PayloadType == 0).Skip(before).ToArray();
        Assert.Equal(25, played.Length);
        var samples = new short[160];
        Ivr.Media.Codecs.G711.Decode(Ivr.Media.Codecs.G711Law.MuLaw, played[12].Payload, samples);
        Assert.True(Goertzel.ShareAt(samples, 440) > 0.9, "the middle of the playback is not the caller's 440 Hz");
    }

    public void Dispose() => _rig.Dispose();
}
