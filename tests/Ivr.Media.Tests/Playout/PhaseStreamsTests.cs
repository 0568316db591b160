using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Playout;

/// <summary>One phase's list: order kept through removals and moves, appends seen by later snapshots only, and a
/// snapshot taken before the array grew still reads its own streams.</summary>
public class PhaseStreamsTests
{
    private readonly FakeTimeProvider _time = new();

    private PlayoutStream NewStream() => new(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, null);

    [Fact]
    public void Remove_KeepsTheOthersInOrder_AndAppendGoesLast()
    {
        var list = new PhaseStreams();
        var streams = Enumerable.Range(0, 6).Select(_ => NewStream()).ToArray();
        foreach (var s in streams) list.Append(s); // grows past its first capacity (4)

        Assert.True(list.Remove(streams[2]));
        Assert.False(list.Remove(streams[2]));
        list.Append(streams[2]);

        Assert.Equal([streams[0], streams[1], streams[3], streams[4], streams[5], streams[2]], list.Snapshot().ToArray());
        Assert.Equal(6, list.Count);
    }

    [Fact]
    public void Snapshot_TakenBeforeAnAppendThatGrowsTheArray_StillReadsItsStreams()
    {
        var list = new PhaseStreams();
        var streams = Enumerable.Range(0, 5).Select(_ => NewStream()).ToArray();
        for (var i = 0; i < 4; i++) list.Append(streams[i]);
        var before = list.Snapshot();

        list.Append(streams[4]); // the array is full: replaced by a larger copy

        Assert.Equal(streams[..4], before.ToArray());
        Assert.Equal(streams, list.Snapshot().ToArray());
    }

    [Fact]
    public void RemoveDetached_DropsOnlyDetachedStreams()
    {
        var list = new PhaseStreams();
        var streams = Enumerable.Range(0, 5).Select(_ => NewStream()).ToArray();
        foreach (var s in streams) list.Append(s);
        streams[1].MarkRemoved();
        streams[3].MarkRemoved();
        foreach (var s in streams) s.Tick(out _); // a removed stream is detached by its next tick

        Assert.Equal(2, list.RemoveDetached());
        Assert.Equal([streams[0], streams[2], streams[4]], list.Snapshot().ToArray());
        Assert.False(list.Contains(streams[1]));
    }
}
