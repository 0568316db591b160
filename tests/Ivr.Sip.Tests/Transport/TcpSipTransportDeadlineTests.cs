using System.Collections.Concurrent;
using System.Net;
using Ivr.Sip.Transport;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Sip.Tests.Transport.TcpTestClient;

namespace Ivr.Sip.Tests.Transport;

/// <summary>The first-message and idle deadlines of TCP connections, on a fake clock over real loopback sockets.</summary>
public sealed class TcpSipTransportDeadlineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<SipEndPoint> _received = new();
    private TcpSipTransport _transport = null!;

    public Task InitializeAsync()
    {
        var limits = new TcpConnectionLimits { IdleTimeout = TimeSpan.FromMinutes(5) };
        _transport = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), time: _time, limits: limits);
        _transport.Start((_, source) => _received.Enqueue(source));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    [Fact]
    public async Task ASilentConnection_IsClosedAfterTenSeconds_OneThatSentAMessageIsNot()
    {
        using var silent = await ConnectAsync("127.0.0.2", _transport.LocalEndPoint);
        using var talker = await ConnectAsync("127.0.0.3", _transport.LocalEndPoint);
        await talker.SendAsync(Options("127.0.0.3"));
        await EventuallyAsync(() => _transport.ConnectionCount == 2 && !_received.IsEmpty, TimeSpan.FromSeconds(10), "both accepted, the message read");

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(await ClosedByServerAsync(silent, TimeSpan.FromMilliseconds(200)));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await ClosedByServerAsync(silent, TimeSpan.FromSeconds(10)));
        Assert.False(await ClosedByServerAsync(talker, TimeSpan.FromMilliseconds(200)));
        await EventuallyAsync(() => _transport.ConnectionCount == 1, TimeSpan.FromSeconds(10), "the silent connection forgotten");
        Assert.Equal(1, _transport.TimedOut);
    }

    [Fact]
    public async Task APartialMessageDrippedSlowly_DoesNotCountAsAFirstMessage()
    {
        using var dripper = await ConnectAsync("127.0.0.2", _transport.LocalEndPoint);
        await EventuallyAsync(() => _transport.ConnectionCount == 1, TimeSpan.FromSeconds(10), "accepted");
        var partial = Options("127.0.0.2")[..40];
        foreach (var b in partial[..10])
        {
            await dripper.SendAsync(new[] { b });
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(await ClosedByServerAsync(dripper, TimeSpan.FromSeconds(10)));
        Assert.Empty(_received);
    }

    [Fact]
    public async Task AConnectionIdleForTheIdleTimeout_IsClosed_TrafficKeepsItOpen()
    {
        using var client = await ConnectAsync("127.0.0.3", _transport.LocalEndPoint);
        await client.SendAsync(Options("127.0.0.3"));
        await EventuallyAsync(() => _received.Count == 1, TimeSpan.FromSeconds(10), "first message");

        _time.Advance(TimeSpan.FromMinutes(4));
        await client.SendAsync(Options("127.0.0.3"));
        await EventuallyAsync(() => _received.Count == 2, TimeSpan.FromSeconds(10), "second message");
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(await ClosedByServerAsync(client, TimeSpan.FromMilliseconds(200)));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await ClosedByServerAsync(client, TimeSpan.FromSeconds(10)));
    }
}
