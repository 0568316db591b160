namespace Ivr.Data.Nodes;

/// <summary>What one heartbeat writes into the node's row.</summary>
public sealed record NodeBeat(string Id, string Address, string Instance, DateTimeOffset At, int CallsUp, string? FlowVersion, bool Draining);
