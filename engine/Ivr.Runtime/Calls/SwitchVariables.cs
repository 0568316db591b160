namespace Ivr.Runtime.Calls;

/// <summary>
/// Gives a starting call the value of every switch of its flow set: the editors' value when it is "true" or
/// "false", else the flow's own. A variable set before the call started (a replay script's <c>variables:</c>) wins.
/// The call reads the values once, at its start, so a switch flipped mid-call never changes it.
/// </summary>
internal static class SwitchVariables
{
    public static void Apply(FlowSet set, ISwitchValues? values, CallVariables variables)
    {
        if (set.Switches.Count == 0) return;
        var current = values?.Current;
        foreach (var (name, declared) in set.Switches)
        {
            if (variables.Get(name) is not null) continue;
            variables.Set(name, declared.ValueFrom(current));
        }
    }
}
