using Ivr.Flows.Loading.Kinds;
using Ivr.Flows.Model;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Loading;

/// <summary>A flow's <c>defaults:</c>, which every menu and collect inherits and may override.</summary>
internal sealed record FlowDefaults
{
    public TimeSpan FirstDigitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan InterDigitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int MaxTries { get; init; } = 3;

    public char? BackKey { get; init; } = '*';

    public char? RepeatKey { get; init; } = '#';

    public PromptList Invalid { get; init; } = PromptList.Empty;

    public PromptList NoInput { get; init; } = PromptList.Empty;

    public Target? OnFail { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>The fields <c>defaults:</c> may hold.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["timeout", "inter_digit_timeout", "max_tries", "back_key", "repeat_key", "invalid", "no_input", "on_fail"];

    public static FlowDefaults Read(FieldReader f)
    {
        var defaults = new FlowDefaults { Location = f.OwnerLocation };
        var backKey = f.Key("back_key", out var backGiven);
        var repeatKey = f.Key("repeat_key", out var repeatGiven);
        defaults = defaults with
        {
            FirstDigitTimeout = f.Time("timeout") ?? defaults.FirstDigitTimeout,
            InterDigitTimeout = f.Time("inter_digit_timeout") ?? defaults.InterDigitTimeout,
            MaxTries = f.Integer("max_tries", 1, 10, InputSettingsReader.MaxTriesWhy) ?? defaults.MaxTries,
            BackKey = backGiven ? backKey : defaults.BackKey,
            RepeatKey = repeatGiven ? repeatKey : defaults.RepeatKey,
            Invalid = f.Prompts("invalid") ?? defaults.Invalid,
            NoInput = f.Prompts("no_input") ?? defaults.NoInput,
            OnFail = f.Target("on_fail"),
        };
        f.ReportUnknownFields();
        return defaults;
    }
}
