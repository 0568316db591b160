namespace Ivr.Core.Fax;

/// <summary>How a fax transmission ended, on the caller's line or on an outbound call.</summary>
public enum FaxOutcome
{
    /// <summary>Every page was sent and confirmed by the receiver.</summary>
    Sent,

    /// <summary>Some pages were confirmed before the transmission failed.</summary>
    PartiallySent,

    /// <summary>Outbound only: the number was busy.</summary>
    Busy,

    /// <summary>Outbound only: nobody (no fax machine) answered in time.</summary>
    NoAnswer,

    /// <summary>The T.30 session failed (see the result code), or the call failed.</summary>
    Failed,

    /// <summary>The fax library is not installed or the line cannot carry fax: nothing was attempted.</summary>
    Unavailable,
}
