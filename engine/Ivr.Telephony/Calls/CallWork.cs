namespace Ivr.Telephony.Calls;

/// <summary>
/// One item of a call's serial queue: a static handler and the values it needs (an object, an argument, a number, a small
/// code), so a key, a prompt's end or a command from the flow is queued as a struct — nothing allocated per item (a
/// closure per key and per prompt was the last steady allocation on the key → prompt path, issue 13).
/// </summary>
internal readonly struct CallWork
{
    private readonly Action<CallWork> _run;

    public CallWork(Action<CallWork> run, object target, object? argument = null, long number = 0, int code = 0)
    {
        _run = run;
        Target = target;
        Argument = argument;
        Number = number;
        Code = code;
    }

    public object Target { get; }

    public object? Argument { get; }

    public long Number { get; }

    public int Code { get; }

    /// <summary>An action as an item (its own delegate is the only allocation, the caller's).</summary>
    public static CallWork Of(Action action) => new(static w => ((Action)w.Target)(), action);

    public void Run() => _run(this);
}
