using Ivr.Core.Channel;
using Ivr.Core.Lookups;
using Ivr.Flows.Model.Fax;

namespace Ivr.Runtime.Calls;

/// <summary>What node handlers ask of the call: prompts, timers, lookups, events, the end.</summary>
public sealed partial class CallSession
{
    internal void Play(IReadOnlyList<Prompt> prompts, bool bargeIn)
    {
        var id = ++_playbackId;
        _awaitedPlayback = id;
        _playbackWasSilent = prompts.Count == 0;
        Record(CallEventKind.PromptPlayed, Current, null, Describe(prompts));
        if (prompts.Count == 0) Post(new SessionInput.PlaybackEnded(id, Interrupted: false));
        else Channel.Play(new PlayRequest(id, prompts, bargeIn));
    }

    /// <summary>Stops the current playback at once (barge-in); its completion report is then ignored.</summary>
    internal void StopPlayback()
    {
        if (_awaitedPlayback == 0) return;
        _awaitedPlayback = 0;
        Channel.StopPlayback();
        Record(CallEventKind.PlaybackInterrupted, Current);
    }

    internal void StartTimer(TimeSpan due)
    {
        _timerDue = Time.GetTimestamp() + (long)(due.TotalSeconds * Time.TimestampFrequency);
        _timerArmed = true;
        _timer ??= Time.CreateTimer(static s => ((CallSession)s!).Post(SessionInput.TimerFired.Instance), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    internal void CancelTimer()
    {
        if (!_timerArmed) return;
        _timerArmed = false;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keeps a key pressed while nothing was listening (barge-in, a lookup) for the next menu or collect.</summary>
    internal void TypeAhead(char digit) => _typeAhead.Enqueue(digit);

    internal bool TryTakeTypeAhead(out char digit) => _typeAhead.TryDequeue(out digit);

    internal bool HasTypeAhead => _typeAhead.Count > 0;

    internal void StartLookup(LookupNode node)
    {
        var inputs = new Dictionary<string, string>(node.Inputs.Count + 2, StringComparer.Ordinal)
        {
            ["call_id"] = Identity.CallId,
            ["caller"] = Identity.Caller,
        };
        if (Identity.Source is { } source) inputs["source"] = source;
        foreach (var (name, expression) in node.Inputs) inputs[name] = expression.Evaluate(Variables).AsText() ?? "";

        var id = ++_lookupId;
        _lookupCancel = new CancellationTokenSource();
        Record(CallEventKind.LookupStarted, node, null, node.Operation);
        ValueTask<LookupResult> pending;
        try
        {
            pending = Services.Lookups.ExecuteAsync(node.Operation, inputs, _lookupCancel.Token);
        }
        catch (Exception)
        {
            pending = ValueTask.FromResult(LookupResult.Of(LookupResult.Error));
        }

        if (pending.IsCompleted)
        {
            Post(new SessionInput.LookupEnded(id, Outcome(pending)));
            return;
        }

        pending.AsTask().ContinueWith(
            static (task, state) =>
            {
                var (call, lookupId) = ((CallSession, int))state!;
                var result = task.IsCompletedSuccessfully && task.Result is { } answer ? answer : LookupResult.Of(LookupResult.Error);
                call.Post(new SessionInput.LookupEnded(lookupId, result));
            },
            (this, id),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static LookupResult Outcome(ValueTask<LookupResult> completed)
    {
        try
        {
            return completed.Result ?? LookupResult.Of(LookupResult.Error);
        }
        catch (Exception)
        {
            return LookupResult.Of(LookupResult.Error);
        }
    }

    /// <summary>Gives up on the running lookup: its result, should it still come, is ignored.</summary>
    internal void AbandonLookup()
    {
        _lookupId++;
        _lookupCancel?.Cancel();
        _lookupCancel?.Dispose();
        _lookupCancel = null;
    }

    /// <summary>Sends <paramref name="document"/> on the caller's line; the channel reports back with <see cref="FaxFinished"/>.</summary>
    internal void SendFax(FaxDocument document)
    {
        var id = ++_faxId;
        _awaitedFax = id;
        Record(CallEventKind.FaxStarted, Current, null, $"document {document.Id}");
        Channel.SendFax(new FaxRequest(id, document.Id, document.RenderedPath));
    }

    /// <summary>Notes a menu choice in <c>call.path</c> (<c>menu:key</c>, steps joined by <c>&gt;</c>), without a string of its own.</summary>
    internal void AppendPath(string menu, string key)
    {
        if (_path.Length > 0) _path.Append('>');
        _path.Append(menu).Append(':').Append(key);
    }

    internal void PushReturn(SubflowNode caller) => _returns.Push(caller);

    internal SubflowNode? PopReturn() => _returns.TryPop(out var caller) ? caller : null;

    /// <summary>Makes <paramref name="caller"/> current again so leaving it records the right node.</summary>
    internal void ResumeAt(SubflowNode caller) => Current = caller;

    /// <summary>The menu the caller came from before <paramref name="menu"/>, or null at the top.</summary>
    internal MenuNode? PreviousMenu(MenuNode menu)
    {
        var at = _menus.LastIndexOf(menu);
        return at > 0 ? _menus[at - 1] : null;
    }

    private void RememberMenu(MenuNode menu)
    {
        var at = _menus.IndexOf(menu);
        if (at >= 0) _menus.RemoveRange(at + 1, _menus.Count - at - 1); // back to a menu seen before: forget the deeper ones
        else _menus.Add(menu);
    }

    internal void Record(CallEventKind kind, Node? node, string? outcome = null, string? detail = null) =>
        Services.Recorder.Append(new CallEvent(Identity.CallId, _sequence++, Time.GetUtcNow(), kind, Set.Version, node?.Id, outcome, detail));

    private void CallerHungUp(string cause)
    {
        var disposition = Current is HangupNode goodbye ? goodbye.Disposition : "abandoned";
        if (Current is not null && Current is not HangupNode) Record(CallEventKind.NodeLeft, Current, Outcomes.Hangup, cause);
        End(disposition, hangUpChannel: false, detail: $"caller hung up ({cause})");
    }

    /// <summary>Ends the call once: timers and lookups stopped, the channel hung up if we end it.</summary>
    internal void End(string disposition, bool hangUpChannel, bool recordEvent = true, string? detail = null)
    {
        if (HasEnded) return;
        HasEnded = true;
        Disposition = disposition;
        CancelTimer();
        _timer?.Dispose();
        AbandonLookup();
        _pending = null;
        if (hangUpChannel)
        {
            try
            {
                Channel.Hangup(disposition);
            }
            catch (Exception ex)
            {
                detail = $"{detail} (hanging up the channel failed: {ex.GetType().Name})".Trim();
            }
        }

        if (recordEvent) Record(CallEventKind.CallEnded, Current, disposition, detail);
        Services.Recorder.CallEnded(Identity.CallId, Time.GetUtcNow(), disposition);
        Ended?.Invoke(this);
    }

    private static string Describe(IReadOnlyList<Prompt> prompts) => prompts.Count switch
    {
        0 => "",
        1 => prompts[0].Id,
        _ => string.Join(' ', prompts),
    };
}
