namespace Ivr.OperationsConsole.Live;

/// <summary>The calls in progress at one moment; <see cref="Version"/> grows with every change (an ETag).</summary>
public sealed record LiveSnapshot(long Version, IReadOnlyList<LiveCall> Calls);
