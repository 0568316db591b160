namespace Ivr.Telephony.Transfers;

/// <summary>How a queue's transfers may bridge the call (Ivr as B2BUA: dial the agent, relay media) instead of REFER.</summary>
public enum BridgeMode
{
    /// <summary>REFER first; bridge when the caller's side refuses it (405/501, or 403/489 to the REFER). The default.</summary>
    Fallback,

    /// <summary>Always bridge; never send REFER (e.g. the upstream is known not to support it).</summary>
    Always,

    /// <summary>REFER only; a refused REFER fails the transfer.</summary>
    Never,
}
