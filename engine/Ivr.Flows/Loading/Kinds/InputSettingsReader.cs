using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

/// <summary>The fields menus and collects share: their prompts, and the input fields they inherit from the flow's <c>defaults:</c>.</summary>
internal static class InputSettingsReader
{
    public static readonly IReadOnlyList<string> Fields = ["prompt", "reprompt", .. FlowDefaults.InputFields];

    public static InputSettings Read(FieldReader f, FlowDefaults defaults)
    {
        var own = defaults.OverriddenBy(f);
        if (own.OnFail is null)
        {
            f.Context.Error(f.OwnerLocation, $"{f.Owner} has nowhere to go when tries run out: add on_fail: to it or to the flow's defaults:");
        }

        return new InputSettings
        {
            Prompt = f.Prompts("prompt", required: true) ?? Model.PromptList.Empty,
            Reprompt = f.Prompts("reprompt") ?? Model.PromptList.Empty,
            Invalid = own.Invalid,
            NoInput = own.NoInput,
            FirstDigitTimeout = own.FirstDigitTimeout,
            InterDigitTimeout = own.InterDigitTimeout,
            MaxTries = own.MaxTries,
            OnFail = own.OnFail ?? FlowFileContext.Missing(f.OwnerLocation),
        };
    }
}
