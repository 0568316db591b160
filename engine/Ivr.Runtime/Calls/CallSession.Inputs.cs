using Ivr.Core.Calls;
using Ivr.Core.Privacy;
using Ivr.Runtime.Nodes;

namespace Ivr.Runtime.Calls;

/// <summary>How the call takes one event: stale reports dropped, then the current node's handler told, typed.</summary>
public sealed partial class CallSession
{
    private void Accept(SessionInput input)
    {
        var handler = Current is { } current ? NodeHandlers.For(current.Kind) : null;
        switch (input)
        {
            case SessionInput.Started:
                Services.Recorder.CallStarted(new CallStart(Identity.CallId, Identity.Caller, Identity.Dialled, Set.Version, _startFlow.Name, Time.GetUtcNow()));
                Record(CallEventKind.CallStarted, null, null, $"flow {_startFlow.Name} caller {Mask.Phone(Identity.Caller)} dialled {Identity.Dialled}");
                Jump(_startFlow.Start.Node!);
                break;
            case SessionInput.HungUp hungUp:
                CallerHungUp(hungUp.Cause);
                break;
            case SessionInput.TimerFired:
                if (!TimerIsDue()) return;
                handler?.OnTimer(this, Current!);
                break;
            case SessionInput.PlaybackEnded ended:
                if (ended.PlaybackId != _awaitedPlayback) return; // a stopped or superseded playback
                _awaitedPlayback = 0;
                if (!_playbackWasSilent) _entriesWithoutInput = 0; // an empty prompt list takes no time: no reason to trust the loop
                handler?.OnPlaybackFinished(this, Current!);
                break;
            case SessionInput.LookupEnded lookup:
                if (lookup.LookupId != _lookupId) return; // a lookup the node already gave up on
                _lookupCancel?.Dispose();
                _lookupCancel = null;
                handler?.OnLookupCompleted(this, Current!, lookup.Result);
                break;
            case SessionInput.DigitPressed pressed:
                _entriesWithoutInput = 0;
                handler?.OnDigit(this, Current!, pressed.Digit);
                break;
            case SessionInput.FaxEnded fax:
                if (fax.RequestId != _awaitedFax) return; // a fax of a node the call has left
                _awaitedFax = 0;
                _entriesWithoutInput = 0;
                handler?.OnFaxFinished(this, Current!, fax.Result);
                break;
            case SessionInput.RecordingEnded recording:
                _entriesWithoutInput = 0;
                handler?.OnRecordingFinished(this, Current!, recording.Result);
                break;
            case SessionInput.TransferEnded transfer:
                _entriesWithoutInput = 0;
                handler?.OnTransferFinished(this, Current!, transfer.Result);
                break;
        }
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
