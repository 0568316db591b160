namespace Ivr.Sip.Dialogs;

/// <summary>Dialog states (RFC 3261 §12): early (1xx with tag), confirmed (2xx), terminated.</summary>
public enum SipDialogState
{
    Early,
    Confirmed,
    Terminated,
}
