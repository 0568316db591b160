using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Playout;

/// <summary>A prompt every call plays is encoded once per law and sent as copies: the same bytes as encoding each frame.</summary>
public class SharedAudioTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _scheduler;
    private readonly Dictionary<PlayoutStream, List<byte[]>> _sent = [];
    private readonly List<PromptCompletion> _completed = [];

    public SharedAudioTests() => _scheduler = new PlayoutScheduler(_time);

    private PlayoutStream AddStream(G711Law law)
    {
        var packets = new List<byte[]>();
        var stream = _scheduler.AddStream(law, new RtpSender((byte)law, _time, ssrc: 7, initialSequenceNumber: 1, initialTimestamp: 0), p => packets.Add(p.ToArray()), _completed.Add);
        _sent[stream] = packets;
        return stream;
    }

    private void Tick(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _scheduler.Tick();
            _time.Advance(PlayoutScheduler.FrameInterval);
        }
    }

    private byte[] Payloads(PlayoutStream stream) => [.. _sent[stream].SelectMany(p => p[RtpHeader.FixedLength..])];

    // Every 16-bit value once, so each law's whole table is crossed, and a length that ends inside a frame.
    private static short[] EveryValue() => [.. Enumerable.Range(0, 65536 + 100).Select(i => (short)(ushort)(i * 40503))];

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Enqueue_SharedAudio_SendsWhatFrameByFrameEncodingSends(G711Law law)
    {
        var samples = EveryValue();
        var byFrame = AddStream(law);
        var copied = AddStream(law);
        byFrame.Enqueue(samples);
        copied.Enqueue(new SharedAudio(samples));

        Tick(samples.Length / G711.SamplesPer20Ms + 2);

        Assert.Equal(Payloads(byFrame), Payloads(copied));
        var expected = new byte[samples.Length];
        G711.Encode(law, samples, expected);
        Assert.Equal(expected, Payloads(copied)[..samples.Length]);
        Assert.All(Payloads(copied)[samples.Length..], b => Assert.Equal(G711.SilenceCode(law), b));
        Assert.Equal(2, _completed.Count(c => c.Reason == PlayoutEndReason.Finished && c.SamplesPlayed == samples.Length));
    }

    [Fact]
    public void Enqueue_SharedAudio_EncodedOncePerLawOnTheCallersThread()
    {
        var audio = new SharedAudio(EveryValue());
        Assert.False(audio.IsEncodedIn(G711Law.MuLaw));

        AddStream(G711Law.MuLaw).Enqueue(audio);
        Assert.True(audio.IsEncodedIn(G711Law.MuLaw)); // before any tick: the pacing thread only copies
        Assert.False(audio.IsEncodedIn(G711Law.ALaw));
        var codes = audio.CodesIn(G711Law.MuLaw);

        AddStream(G711Law.MuLaw).Enqueue(audio);
        AddStream(G711Law.ALaw).Enqueue(audio);

        Assert.True(audio.CodesIn(G711Law.MuLaw).Equals(codes)); // the same array, not a second encoding
        Assert.True(audio.IsEncodedIn(G711Law.ALaw));
        Assert.False(audio.CodesIn(G711Law.ALaw).Span.SequenceEqual(codes.Span));
    }

    [Fact]
    public void Enqueue_SharedAndFrameByFrame_PlayBackToBackAcrossFrames()
    {
        var first = EveryValue()[..100];
        var second = EveryValue()[100..350];
        var third = EveryValue()[350..400];
        var stream = AddStream(G711Law.ALaw);
        stream.Enqueue(new SharedAudio(first));
        stream.Enqueue(second);
        stream.Enqueue(new SharedAudio(third));

        Tick(4);

        var expected = new byte[480];
        ALaw.Encode([.. first, .. second, .. third], expected);
        expected.AsSpan(400).Fill(ALaw.Silence);
        Assert.Equal(expected, Payloads(stream));
        Assert.Equal([100, 250, 50], _completed.Select(c => c.SamplesPlayed));
    }

    [Fact]
    public void Stop_SharedAudio_ReportsWhereItStopped()
    {
        var stream = AddStream(G711Law.MuLaw);
        var id = stream.Enqueue(new SharedAudio(EveryValue()));
        Tick(3);
        stream.Stop();
        Tick(1);

        Assert.Equal(3, _sent[stream].Count);
        Assert.Equal([new PromptCompletion(stream, id, PlayoutEndReason.Stopped, 3 * G711.SamplesPer20Ms)], _completed);
    }

    [Fact]
    public void Enqueue_EmptySharedAudio_FinishedWithoutSendingOrEncoding()
    {
        var stream = AddStream(G711Law.MuLaw);
        var empty = new SharedAudio(ReadOnlyMemory<short>.Empty);
        var id = stream.Enqueue(empty);
        Tick(1);

        Assert.Empty(_sent[stream]);
        Assert.False(empty.IsEncodedIn(G711Law.MuLaw));
        Assert.Equal([new PromptCompletion(stream, id, PlayoutEndReason.Finished, 0)], _completed);
    }
}
