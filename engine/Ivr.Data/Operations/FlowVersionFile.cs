namespace Ivr.Data.Operations;

/// <summary>One file of a served flow-set version, by its path relative to the flows folder, with its text as loaded.</summary>
public sealed record FlowVersionFile(string Path, string Content);
