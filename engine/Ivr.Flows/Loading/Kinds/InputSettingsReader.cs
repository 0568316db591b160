using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

/// <summary>The fields menus and collects share, each falling back to the flow's <c>defaults:</c>.</summary>
internal static class InputSettingsReader
{
    public const string MaxTriesWhy = "; a caller who keeps failing must be let go after a few tries (the hotline uses 3)";

    public static readonly IReadOnlyList<string> Fields =
        ["prompt", "reprompt", "invalid", "no_input", "timeout", "inter_digit_timeout", "max_tries", "on_fail"];

    public static InputSettings Read(FieldReader f, FlowDefaults defaults)
    {
        var onFail = f.Target("on_fail") ?? defaults.OnFail;
        if (onFail is null)
        {
            f.Context.Error(f.OwnerLocation, $"{f.Owner} has nowhere to go when tries run out: add on_fail: to it or to the flow's defaults:");
        }

        return new InputSettings
        {
            Prompt = f.Prompts("prompt", required: true) ?? Model.PromptList.Empty,
            Reprompt = f.Prompts("reprompt") ?? Model.PromptList.Empty,
            Invalid = f.Prompts("invalid") ?? defaults.Invalid,
            NoInput = f.Prompts("no_input") ?? defaults.NoInput,
            FirstDigitTimeout = f.Time("timeout") ?? defaults.FirstDigitTimeout,
            InterDigitTimeout = f.Time("inter_digit_timeout") ?? defaults.InterDigitTimeout,
            MaxTries = f.Integer("max_tries", 1, 10, MaxTriesWhy) ?? defaults.MaxTries,
            OnFail = onFail ?? FlowFileContext.Missing(f.OwnerLocation),
        };
    }
}
