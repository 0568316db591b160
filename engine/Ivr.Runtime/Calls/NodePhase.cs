namespace Ivr.Runtime.Calls;

/// <summary>Where a node that waits is in its own little cycle.</summary>
internal enum NodePhase : byte
{
    None,
    Prompting,
    Waiting,
    Collecting,
    Rejecting,
    Working,
    Recording,
    Transferring,
    Lingering,
    Thanking,
}
