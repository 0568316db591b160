using Ivr.Media.Playout;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Tests.Calls;

public sealed class PlaybackTrackerTests
{
    [Fact]
    public void Complete_LastPromptFinished_ReportsFinishedOnce()
    {
        var tracker = new PlaybackTracker();
        tracker.Add(3, 10, 12);

        Assert.Null(tracker.Complete(10, PlayoutEndReason.Finished));
        Assert.Null(tracker.Complete(11, PlayoutEndReason.Finished));
        Assert.Equal((3, false), tracker.Complete(12, PlayoutEndReason.Finished));
        Assert.Null(tracker.Complete(12, PlayoutEndReason.Finished));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Complete_Stopped_ReportsInterruptedOnceForTheWholeRequest()
    {
        var tracker = new PlaybackTracker();
        tracker.Add(4, 20, 21);

        Assert.Equal((4, true), tracker.Complete(20, PlayoutEndReason.Stopped));
        Assert.Null(tracker.Complete(21, PlayoutEndReason.Stopped));
    }

    [Fact]
    public void Complete_Removed_ReportsNothing()
    {
        var tracker = new PlaybackTracker();
        tracker.Add(5, 30, 30);

        Assert.Null(tracker.Complete(30, PlayoutEndReason.Removed));
        Assert.Null(tracker.Complete(99, PlayoutEndReason.Finished));
    }

    [Fact]
    public void Complete_TwoRequests_EachReportedWithItsOwnId()
    {
        var tracker = new PlaybackTracker();
        tracker.Add(1, 1, 1);
        tracker.Add(2, 2, 2);

        Assert.Equal((1, false), tracker.Complete(1, PlayoutEndReason.Finished));
        Assert.Equal((2, true), tracker.Complete(2, PlayoutEndReason.Stopped));
    }

    [Fact]
    public void Complete_PromptOutsideEveryPlayback_ReportsNothingAndKeepsThem()
    {
        var tracker = new PlaybackTracker();
        tracker.Add(6, 40, 42);
        tracker.Add(7, 43, 43);

        Assert.Null(tracker.Complete(39, PlayoutEndReason.Stopped));
        Assert.Null(tracker.Complete(44, PlayoutEndReason.Finished));
        Assert.Equal(2, tracker.Count);
        Assert.Equal((7, false), tracker.Complete(43, PlayoutEndReason.Finished));
        Assert.Equal((6, true), tracker.Complete(41, PlayoutEndReason.Stopped));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Add_LastBeforeFirst_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlaybackTracker().Add(8, 50, 49));
}
