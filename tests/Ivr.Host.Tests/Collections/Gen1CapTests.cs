using Ivr.Host.Collections;

namespace Ivr.Host.Tests.Collections;

/// <summary>When gen1 is collected: after a gen0 that leaves it at the cap, one at a time, each collection heard of once.</summary>
public sealed class Gen1CapTests
{
    private readonly List<Action> _queued = [];
    private int _collected;

    private Gen1Cap Cap(long bytes = 1000) => new(bytes, _queued.Add, () => _collected++);

    private void RunQueued()
    {
        var queued = _queued.ToArray();
        _queued.Clear();
        foreach (var work in queued) work();
    }

    [Fact]
    public void AGen0LeavingGen1UnderTheCap_AsksForNothing()
    {
        var cap = Cap();
        cap.Heard(1, generation: 0, gen1Bytes: 999);

        Assert.Empty(_queued);
        Assert.Equal(0, cap.Requested);
    }

    [Fact]
    public void AGen0LeavingGen1AtTheCap_AsksForOneGen1_OffTheWatchingThread()
    {
        var cap = Cap();
        cap.Heard(1, generation: 0, gen1Bytes: 1000);

        Assert.Single(_queued);
        Assert.Equal(0, _collected); // queued, not made on the thread that heard
        RunQueued();
        Assert.Equal(1, _collected);
        Assert.Equal(1, cap.Requested);
    }

    [Fact]
    public void WhileOneIsAskedFor_MoreGen0sAskForNoMore_ThenTheNextDoes()
    {
        var cap = Cap();
        cap.Heard(1, generation: 0, gen1Bytes: 5000);
        cap.Heard(2, generation: 0, gen1Bytes: 6000);
        cap.Heard(3, generation: 0, gen1Bytes: 7000);
        Assert.Single(_queued);

        RunQueued();
        cap.Heard(4, generation: 0, gen1Bytes: 8000);

        Assert.Single(_queued);
        Assert.Equal(2, cap.Requested);
    }

    [Fact]
    public void AGen1OrGen2_AndACollectionHeardOfAgain_AskForNothing()
    {
        var cap = Cap();
        cap.Heard(5, generation: 1, gen1Bytes: 5000);
        cap.Heard(6, generation: 2, gen1Bytes: 5000);
        cap.Heard(7, generation: 0, gen1Bytes: 10);
        cap.Heard(7, generation: 0, gen1Bytes: 5000); // the same gen0 again
        cap.Heard(6, generation: 0, gen1Bytes: 5000); // an older one

        Assert.Empty(_queued);
    }

    [Fact]
    public void ACollectionThatThrows_StillLetsTheNextBeAskedFor()
    {
        var cap = new Gen1Cap(1000, _queued.Add, () => throw new InvalidOperationException("collection failed"));
        cap.Heard(1, generation: 0, gen1Bytes: 1000);
        Assert.Throws<InvalidOperationException>(RunQueued);

        cap.Heard(2, generation: 0, gen1Bytes: 1000);
        Assert.Single(_queued);
    }

    [Fact]
    public void ACapOfNothing_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gen1Cap(0, _queued.Add, () => { }));
}
