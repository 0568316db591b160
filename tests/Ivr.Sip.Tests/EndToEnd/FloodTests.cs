using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;
using Xunit.Abstractions;
using static Ivr.Sip.Tests.Transport.TcpTestClient;

namespace Ivr.Sip.Tests.EndToEnd;

/// <summary>
/// One source flooding the stack over real loopback sockets cannot shut out another (issue 14, findings 3 and 4):
/// attacker 127.0.0.2, legitimate callers 127.0.0.1 and 127.0.0.3.
/// </summary>
public sealed class FloodTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GarbageFloodFrom127002_DoesNotStopOptionsFrom127001BeingAnswered()
    {
        await using var stack = Start(new SipUserAgentOptions());
        using var prober = Bind("127.0.0.1");
        var answered = new ConcurrentDictionary<string, bool>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var listening = CollectCallIdsAsync(prober, answered, stop.Token);

        var flooding = Task.Run(() => Flood(stack.UdpEndPoint!, TimeSpan.FromSeconds(3)));
        var probes = new List<string>();
        var clock = Stopwatch.StartNew();
        while (!flooding.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            var callId = $"probe-{probes.Count}";
            probes.Add(callId);
            await prober.SendToAsync(Options("127.0.0.1", callId), stack.UdpEndPoint!);
            await Task.Delay(100);
        }

        var sent = await flooding;
        var grace = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (!probes.All(answered.ContainsKey) && DateTime.UtcNow < grace) await Task.Delay(20);
        await stop.CancelAsync();
        await listening;

        var gate = stack.Endpoint.Gate;
        output.WriteLine($"{sent} garbage datagrams from 127.0.0.2 in 3 s (target 20,000/s); {gate.DroppedOverBudget} dropped over budget, " +
            $"{gate.DroppedQueueFull} queue full; {probes.Count(answered.ContainsKey)}/{probes.Count} OPTIONS answered");
        Assert.True(probes.Count >= 10, $"only {probes.Count} probes sent");
        Assert.True(gate.DroppedOverBudget >= 1000, "the flood was dropped before parsing");
        Assert.True(probes.Count(answered.ContainsKey) >= probes.Count * 9 / 10, $"{probes.Count(answered.ContainsKey)} of {probes.Count} answered");
    }

    [Fact]
    public async Task CallFloodFrom127002_IsRefusedOverItsShare_WhileACallFrom127001IsAnswered()
    {
        await using var stack = Start(new SipUserAgentOptions { MaxCalls = 10 });
        using var attacker = Bind("127.0.0.2");
        using var caller = Bind("127.0.0.1");
        var finals = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var attackerListening = CollectFinalsAsync(attacker, finals, stop.Token);
        var callerListening = CollectFinalsAsync(caller, finals, stop.Token);

        for (var i = 0; i < 10; i++) await attacker.SendToAsync(Invite("127.0.0.2", $"flood-{i}"), stack.UdpEndPoint!);
        await EventuallyAsync(() => Enumerable.Range(0, 10).All(i => finals.ContainsKey($"flood-{i}")), TimeSpan.FromSeconds(5), "10 final answers");
        await caller.SendToAsync(Invite("127.0.0.1", "legit"), stack.UdpEndPoint!);
        await EventuallyAsync(() => finals.ContainsKey("legit"), TimeSpan.FromSeconds(5), "the legitimate call's answer");
        await stop.CancelAsync();
        await Task.WhenAll(attackerListening, callerListening);

        var flood = Enumerable.Range(0, 10).Select(i => finals[$"flood-{i}"]).ToList();
        output.WriteLine($"flood: {string.Join(" ", flood)}; legit: {finals["legit"]}");
        Assert.Equal(2, flood.Count(s => s == 200));
        Assert.Equal(8, flood.Count(s => s == 503));
        Assert.Equal(200, finals["legit"]);
    }

    [Fact]
    public async Task TcpLimitsFromTheStackOptions_CapConnectionsPerAddress_ANewAddressIsServed()
    {
        var limits = new TcpConnectionLimits { MaxConnectionsPerAddress = 4 };
        await using var stack = SipStack.Start(
            new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, Tcp = limits }, new TestCallHandler());
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++) idle.Add(await ConnectAsync("127.0.0.2", stack.TcpEndPoint!));
            using var fifth = await ConnectAsync("127.0.0.2", stack.TcpEndPoint!);
            Assert.True(await ClosedByServerAsync(fifth, TimeSpan.FromSeconds(5)), "a fifth connection from 127.0.0.2 is closed");

            using var newcomer = await ConnectAsync("127.0.0.3", stack.TcpEndPoint!);
            await newcomer.SendAsync(Ivr.Sip.Tests.Transport.TcpTestClient.Options("127.0.0.3"));
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var read = await newcomer.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.StartsWith("SIP/2.0 200", Encoding.ASCII.GetString(buffer, 0, read));
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
    }

    private static SipStack Start(SipUserAgentOptions options) =>
        SipStack.Start(new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableTcp = false, UserAgent = options }, new TestCallHandler());

    private static Socket Bind(string address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return socket;
    }

    /// <summary>
    /// Random datagrams of 100–1400 bytes from 127.0.0.2 at about 20,000/s (bursts of 200 every 10 ms: a rate the
    /// receive loop keeps up with on a loaded test machine); returns how many were sent.
    /// </summary>
    private static long Flood(IPEndPoint target, TimeSpan duration)
    {
        using var socket = Bind("127.0.0.2");
        var random = new Random(14);
        var datagram = new byte[1400];
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 200; i++)
            {
                random.NextBytes(datagram);
                socket.SendTo(datagram.AsSpan(0, random.Next(100, 1400)), SocketFlags.None, target);
                sent++;
            }

            var due = TimeSpan.FromMilliseconds(sent / 20.0);
            if (due > clock.Elapsed) Thread.Sleep(due - clock.Elapsed);
        }

        return sent;
    }

    private static byte[] Options(string from, string callId) => Encoding.ASCII.GetBytes(
        Head("OPTIONS", from, callId) + "Content-Length: 0\r\n\r\n");

    private static byte[] Invite(string from, string callId) => Encoding.ASCII.GetBytes(
        Head("INVITE", from, callId) + $"Contact: <sip:caller@{from}>\r\nContent-Type: application/sdp\r\n" +
        $"Content-Length: {TestMessages.OfferSdp.Length}\r\n\r\n{TestMessages.OfferSdp}");

    private static string Head(string method, string from, string callId) =>
        $"{method} sip:12333@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {from}:5999;branch=z9hG4bK-{callId};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:1380000{from[^1]}000@{from}>;tag=1\r\n" +
        "To: <sip:12333@127.0.0.1>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\n";

    private static async Task CollectCallIdsAsync(Socket socket, ConcurrentDictionary<string, bool> answered, CancellationToken stop)
    {
        await foreach (var response in ResponsesAsync(socket, stop)) answered[response.CallId!] = true;
    }

    private static async Task CollectFinalsAsync(Socket socket, ConcurrentDictionary<string, int> finals, CancellationToken stop)
    {
        await foreach (var response in ResponsesAsync(socket, stop))
        {
            if (response.StatusCode >= 200) finals.TryAdd(response.CallId!, response.StatusCode);
        }
    }

    private static async IAsyncEnumerable<SipResponse> ResponsesAsync(Socket socket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken stop)
    {
        var buffer = new byte[65536];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (SipParser.Parse(buffer.AsSpan(0, read)).Message is SipResponse response) yield return response;
        }
    }
}
