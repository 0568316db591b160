namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// What menus and collects share: prompts, retry prompts, timeouts and the bound on tries.
/// Flow-wide <c>defaults:</c> fill what a node leaves out.
/// </summary>
public sealed record InputSettings
{
    public required PromptList Prompt { get; init; }

    /// <summary>Played instead of <see cref="Prompt"/> on the second and later tries; the prompt itself when empty.</summary>
    public required PromptList Reprompt { get; init; }

    public required PromptList Invalid { get; init; }

    public required PromptList NoInput { get; init; }

    public TimeSpan FirstDigitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan InterDigitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int MaxTries { get; init; } = 3;

    /// <summary>Where the call goes when tries run out.</summary>
    public required Target OnFail { get; init; }
}
