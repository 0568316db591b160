using Ivr.Core.Channel;

namespace Ivr.Telephony.Calls;

/// <summary>
/// A call's reports to the flow (<see cref="ICallInput"/>): keys, playback, recording, transfer and fax ends,
/// hang-up. Used only from the call's serial queue, so reports reach the flow one at a time, in order, and never
/// on the pacing, RTP or SIP threads (the flow runs its next node on the reporting thread). Reports made before
/// <see cref="Attach"/> — the flow may play a prompt while it is being started — are kept and delivered then.
/// </summary>
internal sealed class CallReports(string callId, Action<string> log)
{
    private readonly List<Action<ICallInput>> _pending = [];
    private ICallInput? _input;

    public void Attach(ICallInput input)
    {
        _input = input;
        foreach (var report in _pending) Deliver(report);
        _pending.Clear();
    }

    public void Report(Action<ICallInput> report)
    {
        if (_input is null) _pending.Add(report);
        else Deliver(report);
    }

    /// <summary>A report made from <paramref name="state"/> by a static <paramref name="report"/>: nothing allocated once
    /// attached (a playback's end is reported for every prompt a call plays).</summary>
    public void Report<TState>(TState state, Action<ICallInput, TState> report)
    {
        if (_input is null) Keep(state, report);
        else Deliver(state, report);
    }

    /// <summary>A method of its own: the closure's captures are allocated on entry to the method that holds the lambda,
    /// taken branch or not (32 B a key when this was inline in <see cref="Report{TState}"/>, issue 13).</summary>
    private void Keep<TState>(TState state, Action<ICallInput, TState> report) => _pending.Add(input => report(input, state));

    private void Deliver(Action<ICallInput> report) => Deliver(report, static (input, r) => r(input));

    private void Deliver<TState>(TState state, Action<ICallInput, TState> report)
    {
        try
        {
            report(_input!, state);
        }
        catch (Exception ex)
        {
            log($"call {callId}: call input failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
