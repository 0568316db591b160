using Ivr.Data.Switches;
using Ivr.OperationsConsole.Prompts;
using Ivr.OperationsConsole.TryCalls;

namespace Ivr.OperationsConsole;

/// <summary>What the editors' tools work on: the switch values, where uploaded prompt audio goes, and the back end a
/// try-call (试拨) runs against. Each takes the flow set it works on as input, so drafts can use them too.</summary>
public sealed record EditorServices(SwitchBoard Switches, IPromptAudioStore PromptAudio, TryCallBackend TryCalls);
