namespace Ivr.Sip.Dialogs;

/// <summary>Dialog identity (RFC 3261 §12): Call-ID, local tag, remote tag.</summary>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
