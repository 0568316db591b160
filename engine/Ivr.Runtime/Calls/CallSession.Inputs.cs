using Ivr.Core.Privacy;
using Ivr.Runtime.Nodes;

namespace Ivr.Runtime.Calls;

/// <summary>
/// How the call takes one event: a stale report (a timer cancelled since it fired, a stopped playback,
/// a lookup given up on, a fax of a node left) is dropped; anything else goes to the current node's
/// handler, typed. Caller and media events reset the runaway count; lookups and timers do not.
/// </summary>
public sealed partial class CallSession
{
    private void Accept(SessionInput input)
    {
        var handler = Current is { } current ? NodeHandlers.For(current.Kind) : null;
        if (input is SessionInput.DigitPressed or SessionInput.RecordingEnded or SessionInput.TransferEnded) _entriesWithoutInput = 0; // the caller, or the line, acted
        switch (input)
        {
            case SessionInput.Started:
                Services.Recorder.CallStarted(new CallStart(Identity.CallId, Identity.Caller, Identity.Dialled, Set.Version, _startFlow.Name, Time.GetUtcNow()));
                Record(CallEventKind.CallStarted, null, null, $"flow {_startFlow.Name} caller {Mask.Phone(Identity.Caller)} dialled {Identity.Dialled}");
                SwitchVariables.Apply(Set, Services.Switches, Variables);
                Jump(_startFlow.Start.Node!);
                break;
            case SessionInput.HungUp hungUp:
                CallerHungUp(hungUp.Cause);
                break;
            case SessionInput.TimerFired when TimerIsDue():
                handler?.OnTimer(this, Current!);
                break;
            case SessionInput.PlaybackEnded ended when TryTakePlayback(ended.PlaybackId):
                handler?.OnPlaybackFinished(this, Current!);
                break;
            case SessionInput.LookupEnded lookup when TryTakeLookup(lookup.LookupId):
                handler?.OnLookupCompleted(this, Current!, lookup.Result);
                break;
            case SessionInput.FaxEnded fax when TryTakeFax(fax.RequestId):
                handler?.OnFaxFinished(this, Current!, fax.Result);
                break;
            case SessionInput.DigitPressed pressed:
                handler?.OnDigit(this, Current!, pressed.Digit);
                break;
            case SessionInput.RecordingEnded recording:
                handler?.OnRecordingFinished(this, Current!, recording.Result);
                break;
            case SessionInput.TransferEnded transfer:
                handler?.OnTransferFinished(this, Current!, transfer.Result);
                break;
        }
    }

    /// <summary>True (and no longer awaited) when <paramref name="playbackId"/> is the playback the node waits for.</summary>
    private bool TryTakePlayback(int playbackId)
    {
        if (playbackId != _awaitedPlayback) return false; // a stopped or superseded playback
        _awaitedPlayback = 0;
        if (!_playbackWasSilent) _entriesWithoutInput = 0; // an empty prompt list takes no time: no reason to trust the loop
        return true;
    }

    /// <summary>True (its cancellation released) when <paramref name="lookupId"/> is the running lookup.</summary>
    private bool TryTakeLookup(int lookupId)
    {
        if (lookupId != _lookupId) return false; // a lookup the node already gave up on
        _lookupCancel?.Dispose();
        _lookupCancel = null;
        return true;
    }

    /// <summary>True (and no longer awaited) when <paramref name="requestId"/> is the fax the node waits for.</summary>
    private bool TryTakeFax(int requestId)
    {
        if (requestId != _awaitedFax) return false; // a fax of a node the call has left
        _awaitedFax = 0;
        _entriesWithoutInput = 0;
        return true;
    }

    /// <summary>Whether the armed timer's deadline has come; a timer that fired early is re-armed for the rest.</summary>
    private bool TimerIsDue()
    {
        if (!_timerArmed) return false; // cancelled since it fired
        var early = _timerDue - Time.GetTimestamp();
        if (early > 0)
        {
            // Fired before its deadline (re-armed meanwhile, or a coarse timer): wait the rest.
            _timer!.Change(TimeSpan.FromSeconds((double)early / Time.TimestampFrequency), Timeout.InfiniteTimeSpan);
            return false;
        }

        _timerArmed = false;
        return true;
    }
}
