namespace Ivr.Data.Nodes;

/// <summary>Another running process already serves with this node id; the message says which and what to do.</summary>
public sealed class NodeIdTakenException(string message) : Exception(message);
