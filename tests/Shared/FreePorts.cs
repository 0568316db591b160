using System.Net;
using System.Net.Sockets;

namespace Ivr.Tests.Shared;

/// <summary>
/// The tests' one picker of ports for what they start and let bind later: an <c>ivr serve</c> process (SIP, console),
/// SIPp, PostgreSQL, Prometheus, an <see cref="HttpListener"/>. The policy of <c>tools/free-port</c>, the scripts'
/// picker, so that the suites and the scripts running beside them draw from the same band by the same rules.
/// <para>A port bound to 0 and released comes from Linux's ephemeral range (32768-60999), where any outgoing client
/// socket may take it before the server binds it (it happened: "cannot listen for SIP on port 50800: Address already in
/// use"). So ports are drawn at random from 30000-32767, above <c>ivr serve</c>'s default RTP range (20000-29999) and
/// below the ephemeral range, each probed free for UDP and TCP alike on every address (SIP listens on both).</para>
/// <para>The tests of one assembly run in parallel in one process: a port handed out here is not handed out again for
/// <see cref="Reservation"/> (two minutes), so two tests never get the same port before either server has bound it.
/// Thread-safe. Linked into every test project that starts a server (a <c>Compile Include</c> with a <c>Link</c>).</para>
/// </summary>
internal static class FreePorts
{
    /// <summary>The band's first port.</summary>
    public const int Low = 30000;

    /// <summary>The band's end, excluded: Linux's ephemeral range starts here.</summary>
    public const int High = 32768;

    /// <summary>The widest span (as <c>tools/free-port --span</c>).</summary>
    public const int MaxSpan = 16;

    /// <summary>The most ports one call hands out (as <c>tools/free-port</c>).</summary>
    public const int MaxCount = 100;

    /// <summary>How long a port handed out stays out of later draws of this process: ample for its server to bind it
    /// (a cold <c>ivr serve</c> on a loaded 2-core machine took over 20 s), short enough for a long run to reuse the band.</summary>
    public static readonly TimeSpan Reservation = TimeSpan.FromMinutes(2);

    private static readonly Lock Gate = new();

    /// <summary>Every port handed out within <see cref="Reservation"/>, with when (<see cref="Environment.TickCount64"/>).</summary>
    private static readonly Dictionary<int, long> HandedOut = [];

    /// <summary>One port, free for UDP and TCP: <c>Take()[0]</c>.</summary>
    public static int One() => Take()[0];

    /// <summary>
    /// <paramref name="count"/> distinct ports, each free for UDP and TCP on every address when probed. With
    /// <paramref name="span"/> N each port P is a multiple of N and P … P+N-1 are all free, no two spans overlapping
    /// (span 4 for SIPp's media port: SIPp 3.6 binds -mp and -mp+2). Ask once for every port a server or a test needs,
    /// so its own ports never meet.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 1 to <see cref="MaxCount"/>, or
    /// <paramref name="span"/> not 1 to <see cref="MaxSpan"/>.</exception>
    /// <exception cref="InvalidOperationException">Fewer than <paramref name="count"/> spans of the band are free.</exception>
    public static int[] Take(int count = 1, int span = 1) => TakeFrom(Low, High, count, span);

    /// <summary>As <see cref="Take"/>, from [<paramref name="low"/>, <paramref name="high"/>) instead of the band: for
    /// the picker's own tests, which hold some ports of a few they chose and must know every answer.</summary>
    internal static int[] TakeFrom(int low, int high, int count = 1, int span = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(span, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span, MaxSpan);
        ArgumentOutOfRangeException.ThrowIfLessThan(low, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(high, IPEndPoint.MaxPort + 1);
        var candidates = Candidates(low, high, span);
        Random.Shared.Shuffle(candidates);
        lock (Gate)
        {
            var now = Environment.TickCount64;
            foreach (var stale in HandedOut.Where(p => now - p.Value >= (long)Reservation.TotalMilliseconds).Select(p => p.Key).ToList())
            {
                HandedOut.Remove(stale);
            }

            var ports = new List<int>(count);
            foreach (var first in candidates)
            {
                var all = Enumerable.Range(first, span);
                if (all.Any(HandedOut.ContainsKey) || !all.All(Free)) continue;
                ports.Add(first);
                if (ports.Count == count) break;
            }

            if (ports.Count < count)
            {
                var what = span > 1 ? $"spans of {span} ports" : "ports";
                throw new InvalidOperationException(
                    $"fewer than {count} free {what} in {low}-{high - 1} (free: UDP and TCP bind, and not handed out by this process in the last {Reservation.TotalMinutes:0} minutes)");
            }

            foreach (var port in ports.SelectMany(p => Enumerable.Range(p, span))) HandedOut[port] = now;
            return [.. ports];
        }
    }

    /// <summary>The multiples of <paramref name="span"/> in [<paramref name="low"/>, <paramref name="high"/>) whose whole
    /// span stays below <paramref name="high"/>.</summary>
    private static int[] Candidates(int low, int high, int span)
    {
        var first = (low + span - 1) / span * span;
        return first + span > high ? [] : Enumerable.Range(0, (high - span - first) / span + 1).Select(i => first + i * span).ToArray();
    }

    /// <summary>Whether UDP and TCP <paramref name="port"/> both bind on 0.0.0.0 now (then both are released).</summary>
    private static bool Free(int port)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            udp.Bind(new IPEndPoint(IPAddress.Any, port));
            tcp.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
