namespace Ivr.Data.Drafts;

/// <summary>Where a draft stands: edited (<see cref="Open"/>), waiting for a reviewer, sent back, or published.</summary>
public static class DraftStates
{
    public const string Open = "open";
    public const string Submitted = "submitted";
    public const string Rejected = "rejected";
    public const string Published = "published";

    /// <summary>States in which the author may still change files (a change to a rejected draft opens it again).</summary>
    public static bool Editable(string state) => state is Open or Rejected;
}
