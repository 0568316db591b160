namespace Ivr.Flows.Graph;

/// <summary>One drawn edge: from a node of the flow to a node of it or of another flow (<see cref="External"/>).</summary>
internal readonly record struct GraphEdge(string From, string To, string Label, bool External, bool Call);
