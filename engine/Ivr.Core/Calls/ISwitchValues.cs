namespace Ivr.Core.Calls;

/// <summary>
/// The values editors gave the flows' switches (name → "true" or "false"), read by every call as it starts.
/// A switch not in <see cref="Current"/> keeps the value its flow declares. Reading must be cheap and never block:
/// implementations keep a snapshot.
/// </summary>
public interface ISwitchValues
{
    IReadOnlyDictionary<string, string> Current { get; }
}
