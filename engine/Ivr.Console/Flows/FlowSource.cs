using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Flows;

/// <summary>The flow set serving now, and the folders it is loaded from (for validation of what is on disk).</summary>
public sealed record FlowSource(Func<FlowSet?> Current, string FlowsDirectory, string PromptsDirectory, IReadOnlyCollection<string>? Operations);
