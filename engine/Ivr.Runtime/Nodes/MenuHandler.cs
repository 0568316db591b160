namespace Ivr.Runtime.Nodes;

/// <summary>
/// A menu: keys may be several digits (11, 12), and no key is the start of another — the validator
/// refuses such menus (MenuKeyCheck), so a key is chosen the moment its last digit arrives and the
/// caller never waits to be understood. The first digits of a longer key wait the inter-digit timeout
/// for the next; a timeout or a digit no key continues with is an invalid try. The back key returns
/// to the previous menu, the repeat key replays the prompt without counting a try — unless a menu
/// option starts with that key, which then wins.
/// </summary>
internal sealed class MenuHandler : INodeHandler
{
    private static readonly Action<CallSession, char> DigitRule = Digit;
    private static readonly Action<CallSession> InterDigitTimeoutRule = InterDigitTimeout;

    public void Enter(CallSession call, Node node) => InputCycle.Prompt(call, ((MenuNode)node).Input, DigitRule);

    public void OnDigit(CallSession call, Node node, char digit) => InputCycle.Digit(call, digit, DigitRule);

    public void OnPlaybackFinished(CallSession call, Node node) => InputCycle.PromptFinished(call, ((MenuNode)node).Input, DigitRule);

    public void OnTimer(CallSession call, Node node) => InputCycle.Timer(call, node, ((MenuNode)node).Input, InterDigitTimeoutRule);

    private static void Digit(CallSession call, char digit)
    {
        var menu = (MenuNode)call.Current!;
        var digits = call.State.Digits;
        if (digits.Length == 0 && !AnyOptionStartsWith(menu, digit))
        {
            if (digit == menu.BackKey)
            {
                call.Record(CallEventKind.DigitsReceived, menu, null, digit.ToString());
                Back(call, menu);
                return;
            }

            if (digit == menu.RepeatKey)
            {
                call.Record(CallEventKind.InputRejected, menu, Outcomes.Repeat, digit.ToString());
                InputCycle.Prompt(call, menu.Input, DigitRule);
                return;
            }
        }

        digits.Append(digit);
        var (exact, longer) = Match(menu, digits);
        if (exact is { } chosen) Select(call, menu, chosen);
        else if (longer) call.StartTimer(menu.Input.InterDigitTimeout);
        else InputCycle.Reject(call, menu, menu.Input, Outcomes.Invalid, digits.ToString());
    }

    /// <summary>The start of a longer key, and no next digit: an invalid try.</summary>
    private static void InterDigitTimeout(CallSession call) =>
        InputCycle.Reject(call, call.Current!, ((MenuNode)call.Current!).Input, Outcomes.Invalid, call.State.Digits.ToString());

    private static void Select(CallSession call, MenuNode menu, KeyValuePair<string, Target> option)
    {
        call.Record(CallEventKind.DigitsReceived, menu, null, option.Key);
        if (menu.OptionsFrom is { } generated && generated.ValueOf(option.Key) is { } chosen)
        {
            call.Variables.Set(generated.Into, chosen);
            call.Record(CallEventKind.VariableSet, menu, null, $"{generated.Into}={chosen}");
        }

        call.AppendPath(menu.Name, option.Key);
        call.Leave(option.Key, option.Value);
    }

    private static void Back(CallSession call, MenuNode menu)
    {
        var target = menu.Back?.Node ?? call.PreviousMenu(menu) ?? (Node)menu;
        call.Leave(Outcomes.Back, target);
    }

    // Both walks index the options: a foreach over the IReadOnlyList boxed its enumerator on every key press (a fifth of
    // the garbage of 1,000 held calls' keys by an allocation trace, issue 13).
    private static bool AnyOptionStartsWith(MenuNode menu, char digit)
    {
        var options = menu.Options;
        for (var i = 0; i < options.Count; i++)
            if (options[i].Key[0] == digit) return true;
        return false;
    }

    private static (KeyValuePair<string, Target>? Exact, bool Longer) Match(MenuNode menu, System.Text.StringBuilder digits)
    {
        KeyValuePair<string, Target>? exact = null;
        var longer = false;
        var options = menu.Options;
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            var key = option.Key;
            if (key.Length < digits.Length || !StartsWith(key, digits)) continue;
            if (key.Length == digits.Length) exact = option;
            else longer = true;
        }

        return (exact, longer);
    }

    private static bool StartsWith(string key, System.Text.StringBuilder digits)
    {
        for (var i = 0; i < digits.Length; i++)
            if (key[i] != digits[i]) return false;
        return true;
    }
}
