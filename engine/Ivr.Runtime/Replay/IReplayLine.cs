namespace Ivr.Runtime.Replay;

/// <summary>
/// The caller's side of one replayed call, as <see cref="ReplayExecution"/> drives and checks it: a
/// simulated call on a virtual clock (<see cref="SimulatedReplayLine"/>), or a live call over SIP/RTP
/// whose server events are read back. Waiting is the line's business: virtual time jumps, real time
/// passes.
/// </summary>
public interface IReplayLine
{
    /// <summary>The flows the call runs (prompt catalog, nodes, queues): to tell a script's typo from a divergence.</summary>
    FlowSet Set { get; }

    /// <summary>Lets time run until <paramref name="condition"/> holds; false when it cannot hold any more
    /// (nothing left to happen, or <see cref="ReplayRunner.StepLimit"/> passed).</summary>
    bool RunUntil(Func<bool> condition);

    /// <summary>Lets <paramref name="time"/> pass (silence on the line).</summary>
    void Pass(TimeSpan time);

    /// <summary>A prompt is playing to the caller.</summary>
    bool IsPlaying { get; }

    /// <summary>The caller presses one key (0-9, *, #, A-D).</summary>
    void Press(char key);

    /// <summary>Prompts played (say-as fragments and the record beep included), in order, not yet taken.</summary>
    bool TryTakeHeard(out string promptId);

    bool HasUnheard { get; }

    /// <summary>Queues the call was transferred to, in order.</summary>
    IReadOnlyList<string> Transfers { get; }

    /// <summary>Documents sent to the caller's fax machine, in order.</summary>
    IReadOnlyList<string> Faxes { get; }

    /// <summary>The server is recording the caller.</summary>
    bool IsRecording { get; }

    /// <summary>The caller speaks for <paramref name="length"/>, then the recording ends by <paramref name="endedBy"/> (key, silence).</summary>
    void Speak(TimeSpan length, string endedBy);

    /// <summary>The caller hangs up.</summary>
    void HangUp();

    bool HasEnded { get; }

    string? Disposition { get; }

    /// <summary>The variable has this value now (secure values are compared, never shown).</summary>
    bool VariableIs(string name, string expected);

    /// <summary>The variable holds a secure value (an ID, a PIN, the caller's number): never printed.</summary>
    bool IsSecure(string name);

    /// <summary>The variable's value fit to print: "(unset)", "(secure value)" or the value.</summary>
    string ShowVariable(string name);

    /// <summary>The call's events so far.</summary>
    IReadOnlyList<CallEvent> Events { get; }

    /// <summary>The node the call is in (flow.node), for divergence reports.</summary>
    string? CurrentNode { get; }

    /// <summary>Time since the call started.</summary>
    TimeSpan Elapsed { get; }
}
