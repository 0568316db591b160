namespace Ivr.Host.SipReplay;

/// <summary>How a live replay waits on a real server.</summary>
public sealed record LiveReplayOptions
{
    /// <summary>How long a step may wait (real time) for what it expects: above the flows' longest wait (a 40 s lookup).</summary>
    public TimeSpan StepLimit { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the server's recorded events are read.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A prompt has ended when no audio came for this long (the server sends nothing between prompts).</summary>
    public TimeSpan QuietGap { get; init; } = TimeSpan.FromMilliseconds(160);

    /// <summary>After a prompt's event, how long its audio may take to arrive before it counts as not playing.
    /// Generous: on a loaded machine the first packet can lag the event by most of a second, and a caller
    /// who took the silence before it for the prompt's end would speak or press too early.</summary>
    public TimeSpan AudioStartGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the server may take to answer the INVITE.</summary>
    public TimeSpan AnswerLimit { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>Calls at once (scripts that change the demo data still run one at a time, after the others).</summary>
    public int Parallel { get; init; } = 1;
}
