namespace Ivr.Flows.Loading.Kinds;

/// <summary>What every node has before its kind's fields are read, plus the flow's defaults.</summary>
internal sealed record NodeHeader(string Name, string Flow, SourceLocation Location, FlowDefaults Defaults);
