using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Replay;

/// <summary>A replayed call on a virtual clock: the flow engine with a <see cref="SimulatedChannel"/>.</summary>
public sealed class SimulatedReplayLine(VirtualClock clock, SimulatedChannel channel, CallSession call, MemoryCallRecorder recorder, DateTimeOffset startedAt) : IReplayLine
{
    public FlowSet Set => call.Set;

    public bool IsPlaying => channel.IsPlaying;

    public bool HasUnheard => channel.HasUnheard;

    public IReadOnlyList<string> Transfers => channel.Transfers.Select(t => t.Queue).ToList();

    public IReadOnlyList<string> Faxes => channel.Faxes.Select(f => f.DocumentId).ToList();

    public bool IsRecording => channel.Recording is not null;

    public bool HasEnded => call.HasEnded;

    public string? Disposition => call.Disposition;

    public IReadOnlyList<CallEvent> Events => recorder.Events;

    public string? CurrentNode => call.Current?.Id;

    public TimeSpan Elapsed => clock.GetUtcNow() - startedAt;

    public bool RunUntil(Func<bool> condition)
    {
        var deadline = clock.GetUtcNow() + ReplayRunner.StepLimit;
        while (!condition())
        {
            if (clock.NextDue is not { } next || next > deadline) return false;
            clock.AdvanceToNext();
        }

        return true;
    }

    public void Pass(TimeSpan time) => clock.Advance(time);

    public void Press(char key) => channel.Press(key);

    public bool TryTakeHeard(out string promptId) => channel.TryTakeHeard(out promptId);

    public void Speak(TimeSpan length, string endedBy) => channel.Speak(length, endedBy);

    public void HangUp() => call.HungUp("caller");

    public bool VariableIs(string name, string expected) => call.Variables.Get(name) == expected;

    public bool IsSecure(string name) => call.Variables.IsSecure(name);

    public string ShowVariable(string name) =>
        call.Variables.Get(name) is not { } value ? "(unset)" : call.Variables.IsSecure(name) ? "(secure value)" : value;
}
