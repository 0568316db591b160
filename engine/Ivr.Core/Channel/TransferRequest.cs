namespace Ivr.Core.Channel;

/// <param name="Queue">A queue name from configuration; the channel maps it to an address.</param>
/// <param name="Context">What the agent is told (menu path, masked identity, reason). Never holds secure values.</param>
public sealed record TransferRequest(string Queue, IReadOnlyDictionary<string, string> Context)
{
    /// <summary>A SIP URI to transfer to instead of the queue's (a flow's <c>to:</c>); null: the queue's URI.</summary>
    public string? Target { get; init; }
}
