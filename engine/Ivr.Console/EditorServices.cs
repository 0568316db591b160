using Ivr.Data.Switches;
using Ivr.Flows.Prompts;
using Ivr.OperationsConsole.Prompts;
using Ivr.OperationsConsole.TryCalls;

namespace Ivr.OperationsConsole;

/// <summary>What the editors' tools work on: the switch values, where uploaded prompt audio goes, the back end a
/// try-call (试拨) runs against, and the text-to-speech that remakes a prompt's audio when a draft changes its text (none:
/// a draft plays and publishes the serving audio). Each takes the flow set it works on as input, so drafts can use them too.</summary>
public sealed record EditorServices(SwitchBoard Switches, IPromptAudioStore PromptAudio, TryCallBackend TryCalls, IPromptSynthesizer? Synthesizer = null);
