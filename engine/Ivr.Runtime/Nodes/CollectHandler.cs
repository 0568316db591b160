using Ivr.Runtime.Input;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// Collects a digit string: ends on the terminator, at the maximum length or after the inter-digit
/// timeout, then checks length and validators. <c>*</c> is typed as the node's star character (X for
/// resident IDs). A secure entry is masked in every event.
/// </summary>
internal sealed class CollectHandler : INodeHandler
{
    private static readonly Action<CallSession, char> DigitRule = Digit;
    private static readonly Action<CallSession> InterDigitTimeoutRule = Finish;

    public void Enter(CallSession call, Node node) => InputCycle.Prompt(call, ((CollectNode)node).Input, DigitRule);

    public void OnDigit(CallSession call, Node node, char digit) => InputCycle.Digit(call, digit, DigitRule);

    public void OnPlaybackFinished(CallSession call, Node node) => InputCycle.PromptFinished(call, ((CollectNode)node).Input, DigitRule);

    public void OnTimer(CallSession call, Node node) => InputCycle.Timer(call, node, ((CollectNode)node).Input, InterDigitTimeoutRule);

    private static void Digit(CallSession call, char digit)
    {
        var collect = (CollectNode)call.Current!;
        var digits = call.State.Digits;
        if (digit == collect.Terminator)
        {
            Finish(call);
            return;
        }

        if (digit == '*')
        {
            if (collect.StarAs is not { } star)
            {
                InputCycle.Reject(call, collect, collect.Input, Outcomes.Invalid, "'*' is not accepted here");
                return;
            }

            digit = star;
        }
        else if (digit is '#' or < '0' or > '9')
        {
            InputCycle.Reject(call, collect, collect.Input, Outcomes.Invalid, $"'{digit}' is not accepted here");
            return;
        }

        digits.Append(digit);
        if (digits.Length >= collect.MaxLength) Finish(call);
        else call.StartTimer(collect.Input.InterDigitTimeout);
    }

    private static void Finish(CallSession call)
    {
        var collect = (CollectNode)call.Current!;
        var entry = call.State.Digits.ToString();
        var shown = collect.Secure ? CallVariables.Masked(entry, collect.Mask) : entry;
        if (entry.Length == 0)
        {
            InputCycle.Reject(call, collect, collect.Input, Outcomes.NoInput, "terminator only");
            return;
        }

        var problem = entry.Length < collect.MinLength || entry.Length > collect.MaxLength
            ? $"length {entry.Length}, expected {collect.MinLength}..{collect.MaxLength}"
            : EntryValidation.Problem(entry, collect.Validators, call.Set.Calendar?.LocalDate(call.Time.GetUtcNow()) ?? DateOnly.FromDateTime(call.Time.GetUtcNow().UtcDateTime));
        if (problem is not null)
        {
            InputCycle.Reject(call, collect, collect.Input, Outcomes.Invalid, $"{shown}: {problem}");
            return;
        }

        call.Variables.Set(collect.Into, entry, collect.Secure ? collect.Mask : null);
        call.Record(CallEventKind.DigitsReceived, collect, null, shown);
        call.Leave(Outcomes.Next, collect.Next);
    }
}
