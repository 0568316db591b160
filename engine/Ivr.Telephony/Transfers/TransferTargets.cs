using Ivr.Sip.Message;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// Where each agent queue is reached for a transfer by REFER (RFC 3515): queue name (as in the flow's
/// <c>transfer</c> node, compared without case) → SIP URI put in Refer-To, e.g.
/// <c>general → sip:agents-general@127.0.0.1:5070</c>. A queue not listed fails the transfer with <c>no_queue</c>.
/// <see cref="NotifyTimeout"/> bounds the wait for the final NOTIFY (then <c>timeout</c>).
/// </summary>
public sealed class TransferTargets
{
    private readonly Dictionary<string, SipUri> _queues;

    /// <summary>Checks every entry; a bad queue name or URI throws <see cref="ArgumentException"/> naming it.</summary>
    public TransferTargets(IReadOnlyDictionary<string, string> queues, TimeSpan? notifyTimeout = null)
    {
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
    }

    public TimeSpan NotifyTimeout { get; }

    public IReadOnlyCollection<string> Queues => _queues.Keys;

    /// <summary>The Refer-To URI of <paramref name="queue"/>; null when the queue is not configured.</summary>
    public SipUri? Find(string queue) => _queues.GetValueOrDefault(queue.Trim());
}
