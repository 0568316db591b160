using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Playout;

/// <summary>A generated-audio source (a fax modem) paced by the scheduler like prompts.</summary>
public class PlayoutGeneratorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _scheduler;
    private readonly List<byte[]> _sent = [];
    private readonly PlayoutStream _stream;

    public PlayoutGeneratorTests()
    {
        _scheduler = new PlayoutScheduler(_time);
        _stream = _scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time, ssrc: 7, initialSequenceNumber: 1, initialTimestamp: 0), p => _sent.Add(p.ToArray()), null);
    }

    [Fact]
    public void Generator_EveryTickSendsItsNextFrameInOneTalkspurt()
    {
        short next = 0;
        _stream.Generator = frame =>
        {
            for (var i = 0; i < frame.Length; i++) frame[i] = next += 10;
        };

        Tick(3);

        Assert.Equal(3, _sent.Count);
        Assert.Equal([true, false, false], _sent.Select(p => Header(p).Marker));
        Assert.Equal([0u, 160u, 320u], _sent.Select(p => Header(p).Timestamp));
        var expected = new byte[480];
        MuLaw.Encode(Enumerable.Range(1, 480).Select(i => (short)(i * 10)).ToArray(), expected);
        Assert.Equal(expected, _sent.SelectMany(p => p[12..]));
    }

    /// <summary>The generator's frame buffer is made with the stream's first generator, not with every stream: a call
    /// that never faxes keeps no 344 B for it (issue 13, session 17), and a second generator reuses it.</summary>
    [Fact]
    public void Generator_FrameBufferMadeWithTheFirstGenerator_ThenReused()
    {
        AudioGenerator first = frame => frame.Fill(1), second = frame => frame.Fill(2);
        _stream.Generator = second; // the setter's own path, once, so that only the buffer is left to measure
        _stream.Generator = null;
        var fresh = _scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time, ssrc: 8), _ => { }, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        fresh.Generator = first;
        var made = GC.GetAllocatedBytesForCurrentThread() - before;
        fresh.Generator = null;
        before = GC.GetAllocatedBytesForCurrentThread();
        fresh.Generator = second;
        var again = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(made >= G711.SamplesPer20Ms * sizeof(short), $"{made} B with the first generator");
        Assert.Equal(0, again);
    }

    [Fact]
    public void Generator_PromptsGoFirst_AndClearingItStopsSending()
    {
        _stream.Generator = frame => frame.Fill(1000);
        _stream.Enqueue(new short[160]);

        Tick(2);
        _stream.Generator = null;
        Tick(2);

        Assert.Equal(2, _sent.Count);
        Assert.All(_sent[0][12..], b => Assert.Equal(MuLaw.Encode(0), b));
        Assert.All(_sent[1][12..], b => Assert.Equal(MuLaw.Encode(1000), b));
    }

    [Fact]
    public void Generator_ThatThrows_SendsSilenceAndReportsTheFailure()
    {
        var failures = new List<Exception>();
        var scheduler = new PlayoutScheduler(_time, onError: failures.Add);
        var stream = scheduler.AddStream(G711Law.MuLaw, new RtpSender(0, _time), p => _sent.Add(p.ToArray()), null);
        stream.Generator = _ => throw new InvalidOperationException("modem broke");

        scheduler.Tick();

        Assert.All(Assert.Single(_sent)[12..], b => Assert.Equal(MuLaw.Silence, b));
        Assert.Equal("modem broke", Assert.Single(failures).Message);
    }

    private void Tick(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _scheduler.Tick();
            _time.Advance(PlayoutScheduler.FrameInterval);
        }
    }

    private static RtpHeader Header(byte[] packet)
    {
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(packet, out var parsed));
        return parsed.Header;
    }
}
