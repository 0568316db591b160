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

    /// <summary>The values a flow without <c>defaults:</c> gets.</summary>
    public static readonly TimeSpan DefaultFirstDigitTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultInterDigitTimeout = TimeSpan.FromSeconds(3);

    public const int DefaultMaxTries = 3;

    public TimeSpan FirstDigitTimeout { get; init; } = DefaultFirstDigitTimeout;

    public TimeSpan InterDigitTimeout { get; init; } = DefaultInterDigitTimeout;

    public int MaxTries { get; init; } = DefaultMaxTries;

    /// <summary>Where the call goes when tries run out.</summary>
    public required Target OnFail { get; init; }
}
