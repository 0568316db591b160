namespace Ivr.OperationsConsole.Drafts;

/// <summary>A file to write when publishing (path as a draft names it, e.g. <c>flows/main.yaml</c>); null content removes it.</summary>
public sealed record DraftFileChange(string Path, string? Content);
