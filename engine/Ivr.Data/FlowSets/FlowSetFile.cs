namespace Ivr.Data.FlowSets;

/// <summary>One file of a published flow set: its path inside the set (<c>flows/main.yaml</c>,
/// <c>prompts/welcome.wav</c>, <c>fax/rendered/card_guide.tif</c>; always '/') and its bytes.</summary>
public sealed record FlowSetFile(string Path, byte[] Content);

/// <summary>A published version as the list shows it.</summary>
public sealed record PublishedFlowSet(string Version, DateTimeOffset PublishedAt, string PublishedBy, int Files, long Bytes);

/// <summary>What a publish did: the version, whether it was new, how many file contents the database had not held yet.</summary>
public sealed record PublishOutcome(string Version, bool NewVersion, int NewBlobs, bool WasActive);
