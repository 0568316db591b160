namespace Ivr.OperationsConsole.Drafts;

/// <summary>How a save ended: <see cref="Saved"/> with the new revision, or refused (<see cref="Refusal"/>) or in conflict
/// with the revision stored now (<see cref="Current"/>, the file that won).</summary>
public sealed record DraftSave(long? Revision, string? Refusal = null, DraftFileView? Current = null, bool NotFound = false, bool Locked = false)
{
    public bool Saved => Revision is not null;
}
