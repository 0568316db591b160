using Ivr.Sip.Transactions;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>What every inbound INVITE session shares with the user agent: one object instead of six arguments.</summary>
internal sealed record UasServices(
    TransactionContext Context, SipTransactionLayer Transactions, GuardedCallHandler Handler,
    SipUserAgentOptions Options, SipLocalAddress Local, ISipLog Log)
{
    /// <summary>Our Contact per transport, made once from <see cref="Local"/>.</summary>
    public SipLocalContacts Contacts { get; } = new(Local);
}
