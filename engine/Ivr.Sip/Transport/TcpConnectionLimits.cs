namespace Ivr.Sip.Transport;

/// <summary>
/// What a TCP SIP connection may hold, so idle or slow connections cannot exhaust the server (RFC 5923 §11
/// and RFC 3261 §18.3 leave it to the implementation). Defaults are production's.
/// </summary>
public sealed record TcpConnectionLimits
{
    public static TcpConnectionLimits Default { get; } = new();

    /// <summary>An accepted connection that has not sent one complete SIP message by then is closed.</summary>
    public TimeSpan FirstMessageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no complete message either way for this long, and no call on it, is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The same for a connection that carries a call (<see cref="DialogPeers"/>). Longer than a call: a caller's
    /// connection may carry nothing between INVITE and BYE.
    /// </summary>
    public TimeSpan CallIdleTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Open connections per remote address; a further one from that address is closed at once.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 32;

    /// <summary>
    /// Open connections in all. When full, a newcomer from an address holding fewer connections than the
    /// busiest address takes the place of that address's longest-idle connection, so no address is starved.
    /// </summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>How often the deadlines are checked.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);
}
