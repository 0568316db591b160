namespace Ivr.Flows.Loading;

/// <summary>A prompt list as written, with the location of each id (for "prompt not in the catalog").</summary>
internal sealed record PromptUse(PromptList List, IReadOnlyList<SourceLocation> IdLocations);
