using Ivr.Flows.Model;
using Ivr.Core.Lookups;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// What a try-call (试拨) runs against: a back end made for each call (the demo identities on a fresh copy, so an
/// editor's tries never touch real records) given the flow set the call runs, and the bounds on try-calls.
/// </summary>
public sealed record TryCallBackend(Func<FlowSet, TimeProvider, ILookupService> Lookups)
{
    /// <summary>Try-calls one user may have going at once.</summary>
    public int MaxPerUser { get; init; } = 2;

    /// <summary>Try-calls going at once on this node, all users together.</summary>
    public int MaxCalls { get; init; } = 20;

    /// <summary>A try-call nobody pressed, silenced, hung up or listened to for this long is hung up.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an ended try-call stays, so its replay script can be saved.</summary>
    public TimeSpan KeptAfterEnd { get; init; } = TimeSpan.FromMinutes(30);
}
