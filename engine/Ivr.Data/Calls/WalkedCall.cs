namespace Ivr.Data.Calls;

/// <summary>What <see cref="CallEventWalk"/> reads from one call's events: the nodes it entered, in order, and
/// whether a service lookup completed in it.</summary>
internal sealed record WalkedCall(List<string> Path, bool Served);
