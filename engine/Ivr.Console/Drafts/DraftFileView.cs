namespace Ivr.OperationsConsole.Drafts;

/// <summary>A file as a draft sees it; <see cref="Revision"/> 0 and <see cref="Changed"/> false for the serving file.</summary>
public sealed record DraftFileView(string Path, string Content, long Revision, bool Changed);
