using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// Decides whether a new connection may stay: at most <see cref="TcpConnectionLimits.MaxConnectionsPerAddress"/>
/// per remote address and <see cref="TcpConnectionLimits.MaxConnections"/> in all, with a fair share when full —
/// the newcomer displaces the longest-idle connection of the busiest address if that address holds more
/// connections than the newcomer's would after admission. Pure: the transport applies the decision.
/// </summary>
internal static class TcpConnectionAdmission
{
    /// <returns>Admitted or not, the connection to close to make room (or null), and why a refusal happened.</returns>
    public static (bool Admit, TcpSipConnection? Evict, string? Refusal) Decide(
        IPAddress newcomer, IEnumerable<TcpSipConnection> open, TcpConnectionLimits limits)
    {
        var snapshot = open.ToList();
        var counts = new Dictionary<IPAddress, int>();
        foreach (var connection in snapshot)
        {
            if (connection.Closing) continue;
            counts[connection.Remote.Address] = counts.GetValueOrDefault(connection.Remote.Address) + 1;
        }

        var own = counts.GetValueOrDefault(newcomer);
        if (own >= limits.MaxConnectionsPerAddress) return (false, null, $"{own} connections open from that address");
        var total = counts.Values.Sum();
        if (total < limits.MaxConnections) return (true, null, null);

        var (busiest, most) = counts.MaxBy(e => e.Value);
        if (most <= own + 1) return (false, null, $"{total} connections open, none to spare");
        var evict = snapshot.Where(c => !c.Closing && c.Remote.Address.Equals(busiest)).MinBy(c => c.LastActivity);
        return (true, evict, null);
    }
}
