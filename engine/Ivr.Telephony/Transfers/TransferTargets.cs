using Ivr.Sip.Message;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// Where each agent queue is reached for a transfer by REFER (RFC 3515): queue name (as in the flow's
/// <c>transfer</c> node, compared without case) → SIP URI put in Refer-To, e.g.
/// <c>general → sip:agents-general@127.0.0.1:5070</c>. A queue not listed fails the transfer with <c>no_queue</c>.
/// <see cref="NotifyTimeout"/> bounds the wait for the final NOTIFY (then <c>timeout</c>). Each queue has a
/// <see cref="BridgeMode"/> (default <see cref="BridgeMode.Fallback"/>) and bridged dials ring at most <see cref="BridgeRingTimeout"/>.
/// </summary>
public sealed class TransferTargets
{
    private readonly Dictionary<string, SipUri> _queues;
    private readonly Dictionary<string, BridgeMode> _bridging = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks every entry; a bad queue name or URI throws <see cref="ArgumentException"/> naming it.</summary>
    public TransferTargets(
        IReadOnlyDictionary<string, string> queues, TimeSpan? notifyTimeout = null,
        IReadOnlyDictionary<string, BridgeMode>? bridging = null, TimeSpan? bridgeRingTimeout = null,
        IReadOnlyCollection<string>? trustedPbx = null)
    {
        TrustedPbx = (trustedPbx ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        ArgumentNullException.ThrowIfNull(queues);
        _queues = new Dictionary<string, SipUri>(StringComparer.OrdinalIgnoreCase);
        foreach (var (queue, uri) in queues)
        {
            if (string.IsNullOrWhiteSpace(queue))
            {
                throw new ArgumentException("a transfer queue needs a name", nameof(queues));
            }

            var parsed = SipUri.Parse(uri?.Trim() ?? string.Empty);
            if (!parsed.IsSuccess || !parsed.Value!.IsSip)
            {
                throw new ArgumentException($"transfer queue '{queue}': '{uri}' is not a sip: or sips: URI ({parsed.Error ?? "wrong scheme"})", nameof(queues));
            }

            if (!_queues.TryAdd(queue.Trim(), parsed.Value))
            {
                throw new ArgumentException($"transfer queue '{queue}' is listed twice", nameof(queues));
            }
        }

        NotifyTimeout = notifyTimeout ?? TimeSpan.FromSeconds(30);
        if (NotifyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(notifyTimeout), notifyTimeout, "the transfer timeout must be positive");
        }

        foreach (var (queue, mode) in bridging ?? new Dictionary<string, BridgeMode>())
        {
            if (!_queues.ContainsKey(queue.Trim()))
            {
                throw new ArgumentException($"bridge setting for queue '{queue}', which is not listed", nameof(bridging));
            }

            _bridging[queue.Trim()] = mode;
        }

        BridgeRingTimeout = bridgeRingTimeout ?? TimeSpan.FromSeconds(30);
        if (BridgeRingTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(bridgeRingTimeout), bridgeRingTimeout, "the bridge ring timeout must be positive");
        }
    }

    /// <summary>The agents' PBX hosts (names or addresses) a flow may transfer to by URI (<c>to:</c>, an assisted
    /// check returning the caller); empty: none.</summary>
    public IReadOnlySet<string> TrustedPbx { get; }

    /// <summary>Whether <paramref name="uri"/> is a sip:/sips: URI on one of the <see cref="TrustedPbx"/> hosts.</summary>
    public bool IsTrusted(SipUri uri) => uri.IsSip && (TrustedPbx.Contains(uri.Host) || TrustedPbx.Contains(uri.Host.Trim('[', ']')));

    /// <summary>A flow's transfer target (<c>sip:agent1001@pbx</c> or <c>&lt;sip:agent1001@pbx&gt;</c>) when it is a SIP URI on a
    /// trusted host; null otherwise.</summary>
    public SipUri? TrustedTarget(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.StartsWith('<') && trimmed.EndsWith('>')) trimmed = trimmed[1..^1];
        return SipUri.Parse(trimmed) is { IsSuccess: true, Value: { } uri } && IsTrusted(uri) ? uri : null;
    }

    /// <summary>How long a bridged transfer lets the agent's phone ring (then <c>no_answer</c>).</summary>
    public TimeSpan BridgeRingTimeout { get; }

    /// <summary>The queue's bridge mode; <see cref="BridgeMode.Fallback"/> when not set.</summary>
    public BridgeMode BridgeModeOf(string queue) => _bridging.GetValueOrDefault(queue.Trim(), BridgeMode.Fallback);

    public TimeSpan NotifyTimeout { get; }

    public IReadOnlyCollection<string> Queues => _queues.Keys;

    /// <summary>The Refer-To URI of <paramref name="queue"/>; null when the queue is not configured.</summary>
    public SipUri? Find(string queue) => _queues.GetValueOrDefault(queue.Trim());
}
