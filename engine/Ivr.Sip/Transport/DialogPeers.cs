using System.Collections.Concurrent;
using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// The remote socket addresses that carry a call now (counted: one address may carry several). The TCP transport
/// keeps a connection to one of them open past <see cref="TcpConnectionLimits.IdleTimeout"/>, because a caller's
/// connection may be silent between INVITE and BYE and our BYE must go back on it. Thread-safe: the user agent
/// adds and removes on the work queue, the transport's sweeper reads.
/// </summary>
public sealed class DialogPeers
{
    private readonly ConcurrentDictionary<IPEndPoint, int> _calls = new();

    public void Add(IPEndPoint remote) => _calls.AddOrUpdate(remote, 1, (_, n) => n + 1);

    public void Remove(IPEndPoint remote)
    {
        while (_calls.TryGetValue(remote, out var n))
        {
            if (n <= 1 ? _calls.TryRemove(new KeyValuePair<IPEndPoint, int>(remote, n)) : _calls.TryUpdate(remote, n - 1, n)) return;
        }
    }

    public bool Contains(IPEndPoint remote) => _calls.ContainsKey(remote);
}
