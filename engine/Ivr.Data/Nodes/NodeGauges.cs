namespace Ivr.Data.Nodes;

/// <summary>What a heartbeat reads from the running node each time it beats.</summary>
/// <param name="CallsUp">Calls in progress now.</param>
/// <param name="FlowVersion">The flow-set version serving now.</param>
/// <param name="Draining">Whether the node refuses new calls while its calls end.</param>
public sealed record NodeGauges(Func<int> CallsUp, Func<string?> FlowVersion, Func<bool> Draining)
{
    public static readonly NodeGauges Idle = new(() => 0, () => null, () => false);
}
