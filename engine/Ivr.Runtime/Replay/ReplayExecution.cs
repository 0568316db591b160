using System.Text.RegularExpressions;
using Ivr.Core.Calls;
using Ivr.Core.Speech;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Replay;

/// <summary>One script driving one simulated call, step by step.</summary>
internal sealed partial class ReplayExecution(ReplayScript script, VirtualClock clock, SimulatedChannel channel, CallSession call, MemoryCallRecorder recorder)
{
    private int _eventCursor;
    private int _transfersSeen;
    private int _faxesSeen;

    public string? Execute()
    {
        for (var i = 0; i < script.Steps.Count; i++)
        {
            var step = script.Steps[i];
            string? problem;
            try
            {
                problem = Run(step);
            }
            catch (ReplayScriptException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null) return Divergence(i, step, problem);
        }

        return null;
    }

    private string? Run(ReplayStep step)
    {
        switch (step.Kind)
        {
            case ReplayStepKind.Expect:
                foreach (var id in step.Values)
                {
                    if (!call.Set.Prompts.ContainsKey(id) && id is not ("beep" or "recording")) return $"prompt '{id}' is not in the prompt catalog; check the script for a typo";
                    if (Hear(id) is { } problem) return problem;
                }

                return null;
            case ReplayStepKind.ExpectSay:
                var rendered = MandarinSayAs.Render(Resolve(step.Values[0]), step.SayAs);
                if (!rendered.Succeeded) return $"expect_say value cannot be read: {rendered.Error}";
                foreach (var id in rendered.Prompts)
                    if (Hear(id) is { } problem) return $"{problem} (saying {step.SayAs.ToString().ToLowerInvariant()} {step.Values[0]})";
                return null;
            case ReplayStepKind.Press:
                if (step.After is { } after) clock.Advance(after);
                else RunUntil(() => !channel.IsPlaying);
                if (call.HasEnded) return $"cannot press: the call has ended ({call.Disposition})";
                foreach (var key in Resolve(step.Values[0]))
                {
                    var digit = key is 'X' or 'x' ? '*' : key; // a keypad has no X: callers press * for it
                    if (!IsKey(digit)) return $"'{key}' is not a key of a phone keypad (0-9, *, #)";
                    channel.Press(digit);
                    clock.Advance(step.Gap);
                }

                return null;
            case ReplayStepKind.Wait:
                clock.Advance(step.After!.Value);
                return null;
            case ReplayStepKind.ExpectNode:
                if (call.Set.FindNode(step.Values[0]) is null) return $"there is no node '{step.Values[0]}' in the flows (write it as flow.node)";
                return RunUntil(() => Entered(step.Values[0])) ? null : $"expected to reach node {step.Values[0]}";
            case ReplayStepKind.ExpectVariable:
                foreach (var (name, value) in step.Variables)
                {
                    var expected = Resolve(value);
                    if (!RunUntil(() => call.Variables.Get(name) == expected))
                        return $"expected variable {name} = {Shown(name, expected)}, found {Shown(name, call.Variables.Get(name))}";
                }

                return null;
            case ReplayStepKind.ExpectTransfer:
                if (!call.Set.Queues.Contains(step.Values[0])) return $"no transfer node of the flows uses queue '{step.Values[0]}'";
                if (!RunUntil(() => channel.Transfers.Count > _transfersSeen)) return $"expected a transfer to {step.Values[0]}, none was made";
                var queue = channel.Transfers[_transfersSeen++].Queue;
                return queue == step.Values[0] ? null : $"expected a transfer to {step.Values[0]}, was to {queue}";
            case ReplayStepKind.ExpectFax:
                if (call.Set.FaxDocuments.Find(step.Values[0]) is null) return $"document '{step.Values[0]}' is not in the fax catalog";
                if (!RunUntil(() => channel.Faxes.Count > _faxesSeen)) return $"expected a fax of {step.Values[0]}, none was sent";
                var document = channel.Faxes[_faxesSeen++].DocumentId;
                return document == step.Values[0] ? null : $"expected a fax of {step.Values[0]}, {document} was sent";
            case ReplayStepKind.ExpectRecording:
                return RunUntil(() => channel.Recording is not null) ? null : "expected a recording to start";
            case ReplayStepKind.Record:
                if (channel.Recording is null && !RunUntil(() => channel.Recording is not null)) return "nothing is being recorded";
                channel.Speak(step.After!.Value, step.EndedBy);
                return null;
            case ReplayStepKind.Hangup:
                call.HungUp("caller");
                return null;
            case ReplayStepKind.ExpectHangup:
                if (!RunUntil(() => call.HasEnded)) return "expected the call to end";
                return step.Values.Count == 0 || step.Values[0] == call.Disposition ? null : $"expected the call to end {step.Values[0]}, it ended {call.Disposition}";
            default:
                return $"unsupported step {step.Kind}";
        }
    }

    private string? Hear(string expected)
    {
        if (!RunUntil(() => channel.HasUnheard)) return $"expected prompt {expected}, but nothing more was played{(call.HasEnded ? $" (the call ended {call.Disposition})" : "")}";
        channel.TryTakeHeard(out var heard);
        return heard == expected ? null : $"expected prompt {expected}, heard {heard}";
    }

    /// <summary>Lets virtual time run until <paramref name="condition"/> holds; false when nothing more can happen.</summary>
    private bool RunUntil(Func<bool> condition)
    {
        var deadline = clock.GetUtcNow() + ReplayRunner.StepLimit;
        while (!condition())
        {
            if (clock.NextDue is not { } next || next > deadline) return false;
            clock.AdvanceToNext();
        }

        return true;
    }

    private static bool IsKey(char c) => c is (>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D');

    private bool Entered(string node)
    {
        var events = recorder.Events;
        for (; _eventCursor < events.Count; _eventCursor++)
        {
            if (events[_eventCursor].Kind == CallEventKind.NodeEntered && events[_eventCursor].Node == node)
            {
                _eventCursor++;
                return true;
            }
        }

        return false;
    }

    private string Resolve(string text) => !text.Contains('{') ? text : Placeholder().Replace(text, m =>
        script.Data.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new ReplayScriptException($"placeholder {{{m.Groups[1].Value}}} is not in the test-data file"));

    private string Shown(string name, string? value) =>
        value is null ? "(unset)" : call.Variables.IsSecure(name) ? "(secure value)" : value;

    private string Divergence(int index, ReplayStep step, string problem)
    {
        var entered = recorder.Events.Where(e => e.Kind == CallEventKind.NodeEntered).Select(e => e.Node).TakeLast(6);
        var elapsed = clock.GetUtcNow() - script.At;
        return $"{script.Path}:{step.Line}: step {index + 1} ({step.Describe()}): {problem}\n"
            + $"    at {elapsed:mm\\:ss\\.fff} in {call.Current?.Id ?? "(no node)"}; path: {string.Join(" > ", entered)}";
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
