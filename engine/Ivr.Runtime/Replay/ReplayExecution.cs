using System.Text.RegularExpressions;
using Ivr.Core.Speech;

namespace Ivr.Runtime.Replay;

/// <summary>
/// One script driving one call, step by step, and checking what the call does against the script's
/// expectations — whichever line carries the call (simulated or live over SIP): the one matcher both
/// replay drivers share.
/// </summary>
public sealed partial class ReplayExecution(ReplayScript script, IReplayLine line)
{
    private int _eventCursor;
    private int _transfersSeen;
    private int _faxesSeen;

    /// <summary>Runs every step; returns null when the call did what the script says, else the first divergence.</summary>
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
                    if (!line.Set.Prompts.ContainsKey(id) && id is not ("beep" or "recording")) return $"prompt '{id}' is not in the prompt catalog; check the script for a typo";
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
                if (step.After is { } after) line.Pass(after);
                else line.RunUntil(() => !line.IsPlaying || line.HasEnded);
                if (line.HasEnded) return $"cannot press: the call has ended ({line.Disposition})";
                foreach (var key in Resolve(step.Values[0]))
                {
                    var digit = key is 'X' or 'x' ? '*' : key; // a keypad has no X: callers press * for it
                    if (!IsKey(digit)) return $"'{key}' is not a key of a phone keypad (0-9, *, #)";
                    line.Press(digit);
                    line.Pass(step.Gap);
                }

                return null;
            case ReplayStepKind.Wait:
                line.Pass(step.After!.Value);
                return null;
            case ReplayStepKind.ExpectNode:
                if (line.Set.FindNode(step.Values[0]) is null) return $"there is no node '{step.Values[0]}' in the flows (write it as flow.node)";
                return line.RunUntil(() => Entered(step.Values[0])) ? null : $"expected to reach node {step.Values[0]}";
            case ReplayStepKind.ExpectVariable:
                foreach (var (name, value) in step.Variables)
                {
                    var expected = Resolve(value);
                    if (!line.RunUntil(() => line.VariableIs(name, expected)))
                        return $"expected variable {name} = {(line.IsSecure(name) ? "(secure value)" : expected)}, found {line.ShowVariable(name)}";
                }

                return null;
            case ReplayStepKind.ExpectTransfer:
                if (!line.Set.Queues.Contains(step.Values[0])) return $"no transfer node of the flows uses queue '{step.Values[0]}'";
                if (!line.RunUntil(() => line.Transfers.Count > _transfersSeen)) return $"expected a transfer to {step.Values[0]}, none was made";
                var queue = line.Transfers[_transfersSeen++];
                return queue == step.Values[0] ? null : $"expected a transfer to {step.Values[0]}, was to {queue}";
            case ReplayStepKind.ExpectFax:
                if (line.Set.FaxDocuments.Find(step.Values[0]) is null) return $"document '{step.Values[0]}' is not in the fax catalog";
                if (!line.RunUntil(() => line.Faxes.Count > _faxesSeen)) return $"expected a fax of {step.Values[0]}, none was sent";
                var document = line.Faxes[_faxesSeen++];
                return document == step.Values[0] ? null : $"expected a fax of {step.Values[0]}, {document} was sent";
            case ReplayStepKind.ExpectRecording:
                return line.RunUntil(() => line.IsRecording) ? null : "expected a recording to start";
            case ReplayStepKind.Record:
                if (!line.IsRecording && !line.RunUntil(() => line.IsRecording)) return "nothing is being recorded";
                line.Speak(step.After!.Value, step.EndedBy);
                return null;
            case ReplayStepKind.Hangup:
                line.HangUp();
                return null;
            case ReplayStepKind.ExpectHangup:
                if (!line.RunUntil(() => line.HasEnded)) return "expected the call to end";
                return step.Values.Count == 0 || step.Values[0] == line.Disposition ? null : $"expected the call to end {step.Values[0]}, it ended {line.Disposition}";
            default:
                return $"unsupported step {step.Kind}";
        }
    }

    private string? Hear(string expected)
    {
        if (!line.RunUntil(() => line.HasUnheard)) return $"expected prompt {expected}, but nothing more was played{(line.HasEnded ? $" (the call ended {line.Disposition})" : "")}";
        line.TryTakeHeard(out var heard);
        return heard == expected ? null : $"expected prompt {expected}, heard {heard}";
    }

    private static bool IsKey(char c) => c is (>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D');

    private bool Entered(string node)
    {
        var events = line.Events;
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

    private string Divergence(int index, ReplayStep step, string problem)
    {
        var entered = line.Events.Where(e => e.Kind == CallEventKind.NodeEntered).Select(e => e.Node).TakeLast(6);
        return $"{script.Path}:{step.Line}: step {index + 1} ({step.Describe()}): {problem}\n"
            + $"    at {line.Elapsed:mm\\:ss\\.fff} in {line.CurrentNode ?? "(no node)"}; path: {string.Join(" > ", entered)}";
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
