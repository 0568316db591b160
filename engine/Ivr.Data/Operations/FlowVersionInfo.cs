namespace Ivr.Data.Operations;

/// <summary>A flow-set version the server has served: first and last time it was loaded, and how many files it had.</summary>
public sealed record FlowVersionInfo(string Version, DateTimeOffset FirstLoadedAt, DateTimeOffset LastLoadedAt, int Files);
