using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading;

/// <summary>
/// A flow's <c>defaults:</c>, which every menu and collect inherits and may override. The inherited fields are
/// read here and nowhere else: <c>defaults:</c> over the built-in values (<see cref="Read"/>), a menu or
/// collect over its flow's defaults (<see cref="OverriddenBy"/>, <see cref="KeysOverriddenBy"/>).
/// </summary>
internal sealed record FlowDefaults
{
    public const string MaxTriesWhy = "; a caller who keeps failing must be let go after a few tries (the hotline uses 3)";

    /// <summary>The input fields a node inherits from <c>defaults:</c>.</summary>
    public static readonly IReadOnlyList<string> InputFields = ["timeout", "inter_digit_timeout", "max_tries", "invalid", "no_input", "on_fail"];

    /// <summary>The menu keys a menu inherits from <c>defaults:</c>.</summary>
    public static readonly IReadOnlyList<string> KeyFields = ["back_key", "repeat_key"];

    /// <summary>The fields <c>defaults:</c> may hold.</summary>
    public static readonly IReadOnlyList<string> Fields = [.. InputFields, .. KeyFields];

    public TimeSpan FirstDigitTimeout { get; init; } = InputSettings.DefaultFirstDigitTimeout;

    public TimeSpan InterDigitTimeout { get; init; } = InputSettings.DefaultInterDigitTimeout;

    public int MaxTries { get; init; } = InputSettings.DefaultMaxTries;

    public char? BackKey { get; init; } = MenuNode.DefaultBackKey;

    public char? RepeatKey { get; init; } = MenuNode.DefaultRepeatKey;

    public PromptList Invalid { get; init; } = PromptList.Empty;

    public PromptList NoInput { get; init; } = PromptList.Empty;

    public Target? OnFail { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>A flow's <c>defaults:</c> over the built-in values.</summary>
    public static FlowDefaults Read(FieldReader f)
    {
        var defaults = new FlowDefaults { Location = f.OwnerLocation }.OverriddenBy(f).KeysOverriddenBy(f);
        f.ReportUnknownFields();
        return defaults;
    }

    /// <summary>These defaults with the <see cref="InputFields"/> that <paramref name="f"/>'s owner sets instead.</summary>
    public FlowDefaults OverriddenBy(FieldReader f) => this with
    {
        FirstDigitTimeout = f.Time("timeout") ?? FirstDigitTimeout,
        InterDigitTimeout = f.Time("inter_digit_timeout") ?? InterDigitTimeout,
        MaxTries = f.Integer("max_tries", 1, 10, MaxTriesWhy) ?? MaxTries,
        Invalid = f.Prompts("invalid") ?? Invalid,
        NoInput = f.Prompts("no_input") ?? NoInput,
        OnFail = f.Target("on_fail") ?? OnFail,
    };

    /// <summary>These defaults with the <see cref="KeyFields"/> that <paramref name="f"/>'s owner sets instead (null or empty: no key).</summary>
    public FlowDefaults KeysOverriddenBy(FieldReader f)
    {
        var backKey = f.Key("back_key", out var backGiven);
        var repeatKey = f.Key("repeat_key", out var repeatGiven);
        return this with { BackKey = backGiven ? backKey : BackKey, RepeatKey = repeatGiven ? repeatKey : RepeatKey };
    }
}
