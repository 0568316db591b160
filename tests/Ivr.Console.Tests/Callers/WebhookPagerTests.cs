using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ivr.OperationsConsole.Callers;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Callers;

/// <summary>The webhook pager against a local HTTP receiver on loopback: retried after a failure, bounded by its timeout,
/// failures logged, and <see cref="WebhookPager.Page"/> never waits for delivery.</summary>
public sealed class WebhookPagerTests : IDisposable
{
    private static readonly EmergencyPage Emergency = new(7, "call-7", "complaint_misconduct", DateTimeOffset.UnixEpoch, "supervisor");
    private readonly HttpListener _receiver = new();
    private readonly List<string> _log = [];
    private readonly Uri _url;

    public WebhookPagerTests()
    {
        _url = LoopbackWebhook.Start(_receiver);
    }

    [Fact]
    public async Task FirstTryRefused_SecondDelivered_BodyWithoutCallerNumber()
    {
        using var pager = Pager(TimeSpan.FromSeconds(10), tries: 3);
        var bodies = new List<string>();
        var receiving = Task.Run(async () =>
        {
            foreach (var status in new[] { 500, 204 })
            {
                var context = await _receiver.GetContextAsync();
                using (var reader = new StreamReader(context.Request.InputStream)) bodies.Add(await reader.ReadToEndAsync());
                context.Response.StatusCode = status;
                context.Response.Close();
            }
        });

        pager.Page(Emergency);
        await pager.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await receiving.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, bodies.Count);
        var body = JsonDocument.Parse(bodies[1]).RootElement;
        Assert.Equal(("emergency_message", 7, "call-7"), (body.GetProperty("event").GetString(), body.GetProperty("messageId").GetInt32(), body.GetProperty("callId").GetString()));
        Assert.Contains(_log, l => l.Contains("failed (HTTP 500), try 1 of 3"));
        Assert.Contains(_log, l => l.Contains("paged to http://127.0.0.1") && l.Contains("(try 2)"));
    }

    [Fact]
    public async Task ReceiverNeverAnswers_EachTryBoundedByTheTimeout_GivenUpAndLogged_PageReturnsAtOnce()
    {
        using var pager = Pager(TimeSpan.FromMilliseconds(300), tries: 2);
        _ = Task.Run(async () =>
        {
            while (_receiver.IsListening) _ = await _receiver.GetContextAsync(); // accepted, never answered
        });

        var clock = Stopwatch.StartNew();
        pager.Page(Emergency);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Page took {clock.Elapsed}");
        await pager.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        lock (_log)
        {
            Assert.Contains(_log, l => l.Contains("failed (no answer within 0.3 s), try 1 of 2"));
            Assert.Contains(_log, l => l.Contains("try 2 of 2; given up"));
        }
    }

    [Fact]
    public void NoWebhook_NothingSent()
    {
        using var pager = new WebhookPager(AlertSettings.Default, Log, TimeProvider.System);

        pager.Page(Emergency);

        Assert.True(pager.IdleAsync().IsCompleted);
        Assert.Empty(_log);
    }

    private WebhookPager Pager(TimeSpan timeout, int tries)
        => new(new AlertSettings(_url, timeout, tries, TimeSpan.FromMilliseconds(50)), Log, TimeProvider.System);

    private void Log(string line)
    {
        lock (_log) _log.Add(line);
    }

    public void Dispose() => _receiver.Close();
}
