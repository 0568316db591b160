namespace Ivr.Data.Drafts;

/// <summary>One file a draft changed (path such as <c>flows/main.yaml</c>); <see cref="Revision"/> grows by one with each save.</summary>
public sealed record DraftFile(string Path, string Content, long Revision, string UpdatedBy, DateTimeOffset UpdatedAt);
